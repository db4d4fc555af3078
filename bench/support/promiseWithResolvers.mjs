// Promise.withResolvers arrived in Node 22; tools written for it run on Node 20 with this loaded
// first (`node --import`), e.g. the Federation gateway audit (bench/federationAudit.ts).
if (typeof Promise.withResolvers !== "function") {
  Promise.withResolvers = function withResolvers() {
    let resolve;
    let reject;
    const promise = new this((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}
