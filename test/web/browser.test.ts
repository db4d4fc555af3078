import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ServedMesh } from "../../src/server/serveMesh.js";
import { inCI } from "../support/databases.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";

// Debian's chromium; a browser is never downloaded.
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];
// Every host name but localhost's fails to resolve: the pages must need nothing from the internet.
const OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"];
const SCREENSHOTS = "test-results/screenshots";

const missing = !existsSync(CHROMIUM);
if (missing && !inCI()) console.warn(`browser tests need Debian's chromium at ${CHROMIUM} (apt-get install chromium): skipping them. Under CI=true this fails instead.`);
const describeBrowser = missing && !inCI() ? describe.skip : describe;

const INVOICES = "{ invoices(orderBy: [{id: ASC}], limit: 3) { id total } }";

/** What a page did that it should not: script errors and CSP violations. */
function watch(page: Page) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource: the server responded with a status of 40[13]/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

describeBrowser("the catalog page and the explorer in chromium", () => {
  let demo: DemoMesh;
  let mesh: ServedMesh;
  let origin: string;
  let browser: Browser;
  let steward: string;

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing (CI=true: browser tests must run)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    demo = await openDemoMesh();
    mesh = await demo.serve();
    origin = new URL(mesh.gateway.url).origin;
    steward = await demo.token("steward");
    // Reads of invoices, so the product's usage chart has a bar to show.
    for (let i = 0; i < 3; i++) {
      const response = await fetch(mesh.gateway.url, { method: "POST", headers: { authorization: `Bearer ${steward}`, "x-purpose": "audit", "content-type": "application/json" }, body: JSON.stringify({ query: INVOICES }) });
      expect(response.status).toBe(200);
    }
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  describe("one session: set a token, search, open a product, try it in the explorer", () => {
    let context: BrowserContext;
    let page: Page;
    let problems: string[];

    beforeAll(async () => {
      context = await browser.newContext({ viewport: { width: 1360, height: 900 } });
      page = await context.newPage();
      problems = watch(page);
    });
    afterAll(async () => {
      await context?.close();
    });

    it("asks for a token when none is stored, then lists the products", async () => {
      await page.goto(`${origin}/catalog`);
      await page.locator("#token-input").waitFor();
      await page.screenshot({ path: `${SCREENSHOTS}/catalog-token.png` });
      await page.fill("#token-input", steward);
      await page.fill("#purpose-input", "audit");
      await page.click("#token-save");
      await page.locator(".product-card").first().waitFor();
      expect(await page.locator(".product-card").count()).toBe(10);
      expect(await page.locator("#who").textContent()).toContain("steward");
      // The token now sits where GraphiQL keeps its headers.
      const stored = await page.evaluate(() => localStorage.getItem("graphiql:headers"));
      expect(JSON.parse(stored!)).toEqual({ authorization: `Bearer ${steward}`, "x-purpose": "audit" });
    });

    it("searches for invoice", async () => {
      await page.fill("#search", "invoice");
      await page.waitForFunction(() => document.querySelectorAll(".product-card").length === 2);
      const addresses = await page.locator(".product-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-address")));
      expect(addresses.sort()).toEqual(["sales.Invoice", "sales.InvoiceLine"]);
      expect(page.url()).toContain("#/?q=invoice");
      await page.screenshot({ path: `${SCREENSHOTS}/catalog-search.png`, fullPage: true });
    });

    it("opens sales.Invoice: its fields, governed sample rows and usage chart", async () => {
      await page.click('[data-address="sales.Invoice"]');
      await page.locator("#usage-chart").waitFor();
      expect(page.url()).toContain("#/product/sales.Invoice");
      expect(await page.locator("#product-title").textContent()).toBe("Invoice");
      const fields = await page.locator("#fields-table tbody tr").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-field")));
      expect(fields).toEqual(expect.arrayContaining(["id", "invoiceDate", "billingAddress", "total", "customer", "lines"]));
      expect(await page.locator('#fields-table tr[data-field="total"]').textContent()).toContain("Float!");
      expect(await page.locator("#sample-table tbody tr").count()).toBe(10);
      expect(await page.locator("#sample-table tbody tr").first().textContent()).toContain("Stuttgart");
      const days = await page.locator("#usage-chart .chart-day").evaluateAll((bars) => bars.map((b) => Number(b.getAttribute("data-queries"))));
      expect(days.length).toBeGreaterThanOrEqual(28);
      expect(days.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(3);
      expect(await page.locator("#relationship-graph .graph-edge").count()).toBe(2);
      expect(await page.locator("#lineage-flow").textContent()).toContain("pos.receipts");
      expect(await page.locator("#quality").textContent()).toContain("412");
      // Chinook's newest invoice is years old: the daily promise is broken.
      expect(await page.locator("#quality #stale").textContent()).toBe("stale");
      expect(await page.locator("#history").textContent()).toContain("every 1d");
      await page.screenshot({ path: `${SCREENSHOTS}/catalog-product.png`, fullPage: true });
    });

    it("shows what the analyst's policies mask", async () => {
      await page.click("#identity >> text=Change");
      await page.fill("#token-input", await demo.token("analyst"));
      await page.fill("#purpose-input", "analytics");
      await page.click("#token-save");
      await page.goto(`${origin}/catalog#/product/crm.Customer`);
      // The steward's page may still be showing: wait for the analyst's, which marks the email masked.
      await page.locator('#fields-table tr[data-field="email"] .chip-masked').waitFor();
      await page.locator("#policy-list >> text=pii-hidden").waitFor();
      expect(await page.locator('#fields-table tr[data-field="email"] .chip-masked').count()).toBe(1);
      expect(await page.locator('#fields-table tr[data-field="city"] .chip-masked').count()).toBe(0);
      expect(await page.locator("#policy-list").textContent()).toContain("pii-hidden");
      await page.screenshot({ path: `${SCREENSHOTS}/catalog-masked.png`, fullPage: true });
      await page.click("#identity >> text=Change");
      await page.fill("#token-input", steward);
      await page.fill("#purpose-input", "audit");
      await page.click("#token-save");
    });

    it("tries the product's example query in the explorer, with the catalog's token", async () => {
      await page.goto(`${origin}/catalog#/product/sales.Invoice`);
      await page.click("#try-it");
      await page.waitForURL(/\/graphql$/);
      await page.locator(".graphiql-query-editor .CodeMirror").waitFor();
      expect(await page.locator(".graphiql-query-editor").textContent()).toContain("invoices(limit: 10");
      await page.click(".graphiql-execute-button");
      const result = page.locator(".result-window");
      await expect.poll(() => result.textContent(), { timeout: 15_000 }).toContain('"billingCountry": "Germany"');
      // The headers GraphiQL sent are the catalog's.
      await page.click("text=Headers");
      expect(await page.locator(".graphiql-editor-tool").textContent()).toContain(steward.slice(0, 20));
      await page.screenshot({ path: `${SCREENSHOTS}/explorer-try-it.png` });
    });

    it("runs a typed query and shows its result", async () => {
      await page.goto(`${origin}/graphql?query=${encodeURIComponent(INVOICES)}`);
      await page.locator(".graphiql-execute-button").waitFor();
      await page.click(".graphiql-execute-button");
      await expect.poll(() => page.locator(".result-window").textContent(), { timeout: 15_000 }).toMatch(/"id": 1,\s*"total": 1.98/);
      // The schema was introspected with the stored token: the docs explorer knows Query.
      await page.click('[aria-label="Show Documentation Explorer"]');
      await expect.poll(() => page.locator(".graphiql-doc-explorer").textContent(), { timeout: 15_000 }).toContain("Query");
      await page.screenshot({ path: `${SCREENSHOTS}/explorer-query.png` });
    });

    it("a token set in the explorer's headers editor is the catalog's token", async () => {
      const analyst = await demo.token("analyst");
      await page.click("text=Headers");
      // Through CodeMirror's API, as an edit: typing would meet its bracket auto-closing.
      await page.evaluate((text) => {
        const editor = document.querySelector(".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror") as HTMLElement & { CodeMirror: { setValue(v: string): void } };
        editor.CodeMirror.setValue(text);
      }, JSON.stringify({ authorization: `Bearer ${analyst}`, "x-purpose": "analytics" }));
      await expect.poll(() => page.evaluate(() => localStorage.getItem("graphiql:headers"))).toContain(analyst);
      await page.goto(`${origin}/catalog`);
      await expect.poll(() => page.locator("#who").textContent()).toContain("analyst");
      expect(await page.locator("#who").textContent()).toContain("analytics");
    });

    it("broke no CSP rule and threw no script error", () => {
      expect(problems).toEqual([]);
    });
  });

  it("escapes data: markup in a product's description, fields or sample is shown as text", async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const problems = watch(page);
    const evil = `<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>`;
    const product = {
      address: "sales.Invoice", domain: "sales", name: `Invoice${evil}`, description: evil, owner: evil, domainDescription: evil, keys: ["id"], tags: [evil],
      graphql: "{ invoices { id } }", queries: { list: "invoices", byKey: "invoice", aggregate: "invoicesAggregate", groupBy: "invoicesGroupBy" },
      fields: [{ name: "id", type: "Int!", description: evil, tags: [evil], kind: "column", masked: false, deprecated: true, deprecationReason: evil }],
      relationships: [{ field: evil, target: `sales.${evil}`, targetDomain: "sales", kind: "relation", list: true, declaredBy: "sales" }],
      lineage: { upstream: [evil], store: "sqlite", table: evil },
      policies: [{ name: evil, kind: "mask", fields: [evil], description: evil }],
      sample: [{ id: 1, [evil]: evil, nested: { html: evil } }],
      quality: { rowCount: 1, lastUpdated: null, freshnessField: null },
      usage: { since: "2026-01-01T00:00:00Z", until: "2026-01-02T00:00:00Z", queries: 1, consumers: 1, purposes: [evil], lastQueried: evil, daily: [{ day: "2026-01-01", queries: 1 }] },
    };
    // The gateway is replaced by one that answers with markup everywhere.
    await page.route("**/graphql", (route) => route.fulfill({ contentType: "application/json", body: JSON.stringify({ data: { meshqlDataProduct: product } }) }));
    await page.addInitScript((token) => localStorage.setItem("graphiql:headers", JSON.stringify({ authorization: `Bearer ${token}` })), steward);
    await page.goto(`${origin}/catalog#/product/sales.Invoice`);
    await page.locator("#usage-chart").waitFor();
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator("main img, main script").count()).toBe(0);
    expect(await page.locator(".lead").textContent()).toBe(evil);
    expect(await page.locator("#sample-table").textContent()).toContain(evil);
    // A deprecated field is marked, its reason shown (as text) under its description.
    expect(await page.locator('#fields-table tr[data-field="id"] .chip-deprecated').textContent()).toBe("deprecated");
    expect(await page.locator('#fields-table tr[data-field="id"] .deprecation').textContent()).toBe(`Deprecated: ${evil}`);
    await page.screenshot({ path: `${SCREENSHOTS}/catalog-escaped.png`, fullPage: true });
    expect(problems).toEqual([]);
    await context.close();
  });

  it("loads the catalog page and the explorer with nothing but localhost reachable", async () => {
    const offline = await chromium.launch({ executablePath: CHROMIUM, args: [...ARGS, ...OFFLINE] });
    try {
      const context = await offline.newContext();
      const left: string[] = [];
      const local: string[] = [];
      // Anything bound elsewhere is recorded and cut off, whatever the resolver would have done.
      await context.route("**/*", (route) => {
        const url = new URL(route.request().url());
        if (url.hostname === "localhost" || url.hostname === "127.0.0.1") {
          local.push(url.pathname);
          return route.continue();
        }
        left.push(url.href);
        return route.abort();
      });
      await context.addInitScript((token) => localStorage.setItem("graphiql:headers", JSON.stringify({ authorization: `Bearer ${token}` })), steward);
      const page = await context.newPage();
      const problems = watch(page);
      await page.goto(`${origin}/catalog#/product/sales.Invoice`, { waitUntil: "networkidle" });
      await page.locator("#usage-chart").waitFor();
      expect(await page.locator("#sample-table tbody tr").count()).toBe(10);
      await page.goto(`${origin}/graphql?query=${encodeURIComponent(INVOICES)}`, { waitUntil: "networkidle" });
      await page.click(".graphiql-execute-button");
      await expect.poll(() => page.locator(".result-window").textContent(), { timeout: 15_000 }).toContain('"total": 1.98');
      await page.screenshot({ path: `${SCREENSHOTS}/explorer-offline.png` });
      expect(left).toEqual([]);
      expect(local).toEqual(expect.arrayContaining(["/catalog", "/assets/catalog/main.js", "/graphql", "/assets/graphiql.min.js", "/assets/react.production.min.js"]));
      expect(problems).toEqual([]);
    } finally {
      await offline.close();
    }
  });
});
