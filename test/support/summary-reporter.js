// Prints one plain closing line ("N passed, N failed, N skipped") that CI readers understand,
// after jest's own summary.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const line = `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`;
    process.stdout.write(`\ntests: ${line}\n`);
  }
}
module.exports = SummaryReporter;
