import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve } from "node:path";
import { promisify } from "node:util";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serveMesh, type ServedMesh } from "../../src/server/serveMesh.js";
import { inCI } from "../support/databases.js";
import { openDemoMesh, type DemoMesh } from "../support/demoMeshServer.js";

// examples/web-app as a developer runs it: generated (API schema, types, persisted documents,
// type policies), type-checked, built by Vite, served from an origin of its own, in chromium,
// calling the demo mesh's gateway across origins.
const APP = "examples/web-app";
const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-quic", "--no-first-run", "--disable-component-update", "--disable-sync"];
const SCREENSHOTS = "test-results/screenshots";
const run = promisify(execFile);

const missing = !existsSync(CHROMIUM);
if (missing && !inCI()) console.warn(`the web app test needs Debian's chromium at ${CHROMIUM} (apt-get install chromium): skipping it. Under CI=true this fails instead.`);
const describeBrowser = missing && !inCI() ? describe.skip : describe;

const TYPES: Record<string, string> = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".json": "application/json", ".svg": "image/svg+xml" };

/** dist/ on 127.0.0.1: another origin than the gateway's http://localhost:port. */
async function serveStatic(dir: string): Promise<{ origin: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    const file = resolve(dir, `.${path === "/" ? "/index.html" : path}`);
    if (!file.startsWith(resolve(dir)) || !existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", ok));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** Script errors, and console errors other than the refusals a test provokes. */
function watch(page: Page, expected: RegExp | undefined = undefined) {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error" && !(expected && expected.test(message.text()))) problems.push(`console: ${message.text()}`);
  });
  return problems;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

describeBrowser("the web app example: React, Vite and Apollo Client on another origin", () => {
  let demo: DemoMesh;
  let mesh: ServedMesh;
  let app: { origin: string; server: Server };
  let browser: Browser;
  const meshes: ServedMesh[] = [];

  beforeAll(async () => {
    if (missing) throw new Error(`${CHROMIUM} is missing (CI=true: browser tests must run)`);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await run("npm", ["run", "-s", "example:web-app:generate"]);
    await run(process.execPath, ["node_modules/typescript/bin/tsc", "-p", APP]);
    await run(process.execPath, ["node_modules/vite/bin/vite.js", "build", APP, "--logLevel", "error"]);
    demo = await openDemoMesh();
    mesh = await demo.serve();
    app = await serveStatic(join(APP, "dist"));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    app?.server.close();
    await Promise.all(meshes.map((m) => m.stop()));
    await demo?.close();
  });

  /** A page of the app, talking to `gateway`, with the caller already saved as its form saves it. */
  async function openApp(gateway: string, caller?: { token: string; purpose: string }, hash = "#/tracks", expected?: RegExp) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    if (caller) await context.addInitScript((saved) => localStorage.setItem("meshql-web-app:caller", saved), JSON.stringify(caller));
    const page = await context.newPage();
    const problems = watch(page, expected);
    await page.goto(`${app.origin}/?gateway=${encodeURIComponent(gateway)}${hash}`);
    return { page, problems, close: () => context.close() };
  }

  /** How many tracks match, asked of the gateway directly: what the page must show. */
  async function trackCount(where: Record<string, unknown>): Promise<string> {
    const response = await fetch(mesh.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await demo.token("analyst")}` },
      body: JSON.stringify({ query: "query ($where: TrackWhere) { tracksAggregate(where: $where) { count } }", variables: { where } }),
    });
    return `${((await response.json()) as any).data.tracksAggregate.count} tracks`;
  }

  const cacheKeys = (page: Page) =>
    page.evaluate(() => Object.keys((window as unknown as { __APOLLO_CLIENT__: { cache: { extract(): Record<string, unknown> } } }).__APOLLO_CLIENT__.cache.extract()));

  it("asks for a token, then lists, searches and filters tracks through the gateway on another origin", async () => {
    const { page, problems, close } = await openApp(mesh.gateway.url, undefined, "#/tracks", /401|Unauthorized/);
    await expect.poll(() => page.locator("#problem").textContent()).toContain("UNAUTHENTICATED");
    await page.fill("#token", await demo.token("analyst"));
    await page.fill("#purpose", "analytics");
    await page.click("#save-caller");
    await expect.poll(() => page.locator("#track-count").textContent()).toBe("3503 tracks");
    expect(await page.locator(".track-row").count()).toBe(20);
    // `_ilike` folds case on every store: "LOVE" finds "Love", "love" and "LOVE".
    await page.fill("#search", "LOVE");
    await expect.poll(() => page.locator("#track-count").textContent()).toBe(await trackCount({ name: { _ilike: "%love%" } }));
    const names = await page.locator(".track-row td:first-child").allTextContents();
    expect(names).toHaveLength(20);
    for (const name of names) expect(name).toMatch(/love/i);
    await page.selectOption("#genre", { label: "Jazz" });
    await expect.poll(() => page.locator("#track-count").textContent()).toBe(await trackCount({ name: { _ilike: "%love%" }, genre: { id: { _eq: 2 } } }));
    const genres = await page.locator(".track-row td:nth-child(4)").allTextContents();
    expect(genres.length).toBeGreaterThan(0);
    expect(new Set(genres)).toEqual(new Set(["Jazz"]));
    await page.fill("#search", "");
    await page.selectOption("#max-price", { label: "up to 0.99" });
    await expect.poll(() => page.locator("#track-count").textContent()).toBe(await trackCount({ genre: { id: { _eq: 2 } }, unitPrice: { _lte: 0.99 } }));
    expect(await page.locator(".track-row td:nth-child(5)").allTextContents()).toEqual(expect.arrayContaining(["0.99"]));
    // Each track and its album, artist and genre are cache entries keyed by their @key fields.
    // (Apollo's own default would key them as Track:1.)
    const keys = await cacheKeys(page);
    for (const type of ["Track", "Album", "Artist", "Genre"]) {
      const ofType = keys.filter((k) => k.startsWith(`${type}:`));
      expect(ofType.length).toBeGreaterThan(0);
      for (const key of ofType) expect(key).toMatch(new RegExp(`^${type}:\\{"id":\\d+\\}$`));
    }
    await page.screenshot({ path: `${SCREENSHOTS}/web-app-tracks.png`, fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it("shows an invoice across three domains, with what the analyst's policies mask marked as masked", async () => {
    const { page, problems, close } = await openApp(mesh.gateway.url, { token: await demo.token("analyst"), purpose: "analytics" }, "#/invoices");
    await page.fill("#country", "Norway");
    await expect.poll(() => page.locator(".invoice-row").count()).toBe(7);
    await page.locator('.invoice-row[data-id="2"]').click();
    await page.locator("#invoice-detail").waitFor();
    expect(await page.locator("#invoice-detail h2").textContent()).toBe("Invoice #2");
    expect(await page.locator("#invoice-total").textContent()).toBe("3.96");
    expect(await page.locator("#customer h3").textContent()).toBe("Bjørn Hansen");
    expect(await page.locator('#customer [data-field="email"]').textContent()).toBe(`${sha256("bjorn.hansen@yahoo.no")} masked`);
    expect(await page.locator('#customer [data-field="phone"]').textContent()).toBe("hidden masked");
    expect(await page.locator('[data-field="billingAddress"]').textContent()).toBe("hidden masked");
    expect(await page.locator(".line-row td:first-child").allTextContents()).toEqual(["Put The Finger On You", "Inject The Venom", "Evil Walks", "Breaking The Rules"]);
    expect(await page.locator(".line-row").first().locator("td").allTextContents()).toEqual(["Put The Finger On You", "For Those About To Rock We Salute You", "AC/DC", "1", "0.99"]);
    const keys = await cacheKeys(page);
    expect(keys).toEqual(expect.arrayContaining(['Invoice:{"id":2}', 'Customer:{"id":4}', 'InvoiceLine:{"id":3}', 'Track:{"id":6}']));
    await page.screenshot({ path: `${SCREENSHOTS}/web-app-invoice-analyst.png`, fullPage: true });
    expect(problems).toEqual([]);
    await close();
  });

  it("shows the steward the same invoice unmasked", async () => {
    const { page, problems, close } = await openApp(mesh.gateway.url, { token: await demo.token("steward"), purpose: "audit" }, "#/invoice/2");
    await page.locator("#invoice-detail").waitFor();
    await expect.poll(() => page.locator('#customer [data-field="email"]').textContent()).toBe("bjorn.hansen@yahoo.no");
    expect(await page.locator('[data-field="billingAddress"]').textContent()).toBe("Ullevålsveien 14");
    expect(await page.locator(".masked").count()).toBe(0);
    expect(problems).toEqual([]);
    await close();
  });

  it("cannot call a mesh that does not allow its origin", async () => {
    const closed = await serveMesh({ ...demo.mesh, config: { ...demo.mesh.config, cors: { origins: ["http://localhost:*"] } } }, { gatewayPort: 0, anyPort: true });
    meshes.push(closed);
    const { page, close } = await openApp(closed.gateway.url, { token: await demo.token("steward"), purpose: "audit" }, "#/tracks", /CORS|Failed to load|ERR_FAILED/);
    await expect.poll(() => page.locator("#problem").textContent()).toContain("the gateway could not be reached");
    expect(await page.locator(".track-row").count()).toBe(0);
    await close();
  });

  it("runs on a mesh whose trusted documents are the app's own manifest, sending only hashes", async () => {
    const manifest = resolve(APP, "src/gql/persisted-documents.json");
    const config = { ...demo.mesh.config, security: { persistedQueries: true, trustedDocuments: { manifest, exceptGroups: [] } } };
    const trusted = await serveMesh({ ...demo.mesh, config }, { gatewayPort: 0, anyPort: true });
    meshes.push(trusted);
    const { page, problems, close } = await openApp(trusted.gateway.url, { token: await demo.token("analyst"), purpose: "analytics" }, "#/invoice/2");
    const sent: string[] = [];
    page.on("request", (request) => {
      if (request.url().startsWith(trusted.gateway.url) && request.method() !== "OPTIONS") sent.push(request.url());
    });
    await page.locator("#invoice-detail").waitFor();
    expect(await page.locator("#customer h3").textContent()).toBe("Bjørn Hansen");
    await page.goto(`${app.origin}/#/tracks`);
    await expect.poll(() => page.locator("#track-count").textContent()).toBe("3503 tracks");
    // Every request was a GET by hash: no operation text left the page.
    expect(sent.length).toBeGreaterThan(0);
    for (const url of sent) expect(new URL(url).searchParams.has("query")).toBe(false);
    // Anything else is refused there.
    const other = await fetch(trusted.gateway.url, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${await demo.token("analyst")}` },
      body: JSON.stringify({ query: "{ tracks(limit: 1) { name } }" }),
    });
    expect(((await other.json()) as any).errors[0].extensions.code).toBe("PERSISTED_QUERY_NOT_IN_LIST");
    expect(problems).toEqual([]);
    await close();
  });
});
