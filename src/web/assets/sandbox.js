// Embeds Apollo Sandbox against the endpoint this page was served from, with the headers the
// catalog page and GraphiQL keep (graphiql:headers) and an operation from `?query=`.
(function () {
  "use strict";

  var params = new URLSearchParams(location.search);
  var headers = {};
  try {
    var stored = JSON.parse(localStorage.getItem("graphiql:headers") || "{}");
    if (stored && typeof stored === "object" && !Array.isArray(stored)) headers = stored;
  } catch {
    // Headers that are not JSON are left for the user to enter in Sandbox.
  }
  var variables;
  try {
    variables = params.get("variables") ? JSON.parse(params.get("variables")) : undefined;
  } catch {
    variables = undefined;
  }
  if (!window.EmbeddedSandbox) return;
  var target = document.getElementById("explorer");
  target.textContent = "";
  new window.EmbeddedSandbox({
    target: "#explorer",
    initialEndpoint: location.origin + location.pathname,
    initialState: { document: params.get("query") || undefined, variables: variables, headers: headers },
    endpointIsEditable: false,
    hideCookieToggle: true,
    allowDynamicStyles: false,
  });
})();
