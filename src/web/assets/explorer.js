// Starts GraphiQL against the endpoint this page was served from. The headers editor (Authorization,
// x-purpose) is mirrored to localStorage under graphiql:headers, which the catalog page reads and
// writes too. `?query=` and `?variables=` preload an operation in a tab of its own.
/* global React, ReactDOM, GraphiQL -- the UMD builds explorer.html loads before this script */
(function () {
  "use strict";

  var HEADERS = "graphiql:headers";
  var TEMPLATE = '{\n  "authorization": "Bearer <a token: npm run -s token -- steward>",\n  "x-purpose": "analytics"\n}';

  var endpoint = location.origin + location.pathname;
  var params = new URLSearchParams(location.search);
  var query = params.get("query");
  var variables = params.get("variables");
  // Preloaded once: a reload keeps the user's edits instead of reopening the link's query.
  if (query !== null || variables !== null) history.replaceState(null, "", location.pathname + location.hash);
  var storedHeaders = localStorage.getItem(HEADERS);

  // GraphiQL's storage, except that this page owns graphiql:headers: GraphiQL clears that key
  // while it mounts (before its headers editor exists), which would lose the caller's token.
  var storage = {
    getItem: function (key) {
      return localStorage.getItem(key);
    },
    setItem: function (key, value) {
      if (key !== HEADERS) localStorage.setItem(key, value);
    },
    removeItem: function (key) {
      if (key !== HEADERS) localStorage.removeItem(key);
    },
    clear: function () {
      Object.keys(localStorage)
        .filter(function (key) {
          return key.indexOf("graphiql:") === 0 && key !== HEADERS;
        })
        .forEach(function (key) {
          localStorage.removeItem(key);
        });
    },
    get length() {
      return localStorage.length;
    },
  };

  // A new fetcher makes GraphiQL introspect again: after the headers change, the schema is
  // read with the new token.
  function newFetcher() {
    var fetcher = GraphiQL.createFetcher({ url: endpoint });
    return function (graphQLParams, options) {
      return fetcher(graphQLParams, options);
    };
  }

  var refetch;
  var root = ReactDOM.createRoot(document.getElementById("explorer"));
  var props = {
    fetcher: newFetcher(),
    storage: storage,
    query: query === null ? undefined : query,
    variables: variables === null ? undefined : variables,
    headers: storedHeaders || undefined,
    defaultHeaders: TEMPLATE,
    shouldPersistHeaders: true,
    isHeadersEditorEnabled: true,
    defaultEditorToolsVisibility: storedHeaders ? (variables ? "variables" : false) : "headers",
    onEditHeaders: function (value) {
      if (value.trim()) localStorage.setItem(HEADERS, value);
      else localStorage.removeItem(HEADERS);
      clearTimeout(refetch);
      refetch = setTimeout(function () {
        props = Object.assign({}, props, { fetcher: newFetcher() });
        render();
      }, 800);
    },
  };

  function render() {
    root.render(React.createElement(GraphiQL, props));
  }
  render();
})();
