// Webpack loader for the mini-program builds (weapp and H5): drops the `summary` of every route in `shared`.
// The summaries are the API document's Chinese titles; only the server reads them (OpenAPI). In the mini-program
// they were ~11 KB of the weapp main package, whose budget is 640 KB (scripts/weapp-size.mjs).
// Only string-literal summaries inside `defineRoute({ … })` calls are removed; nothing else in the file changes.
const SUMMARY = /(\bdefineRoute\(\{[^]*?)\bsummary: (?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"),\s*/g;

function stripRouteSummaries(source) {
  let out = source;
  // one summary per defineRoute call; repeat until none is left (calls are matched from their start)
  for (let prev = ''; prev !== out; ) {
    prev = out;
    out = out.replace(SUMMARY, '$1');
  }
  return out;
}

module.exports = function routeSummaryLoader(source) {
  return stripRouteSummaries(source);
};
module.exports.stripRouteSummaries = stripRouteSummaries;
