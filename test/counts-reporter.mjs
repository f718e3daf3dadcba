// Counts the real per-test results of a web-test-runner run and writes them as JSON, so
// `npm test` can print one summed line over every suite. A test file that failed without a
// failing test (import error, crash, timeout, failing hook) counts as one failure.
import { writeFileSync } from 'node:fs';

function countSuite(suite, acc) {
  for (const t of suite.tests) {
    if (t.skipped) acc.skipped += 1;
    else if (t.passed) acc.passed += 1;
    else acc.failed += 1;
  }
  for (const child of suite.suites) countSuite(child, acc);
}

export function countsReporter(file) {
  return {
    stop({ sessions }) {
      const total = { passed: 0, failed: 0, skipped: 0 };
      for (const session of sessions) {
        const acc = { passed: 0, failed: 0, skipped: 0 };
        if (session.testResults) countSuite(session.testResults, acc);
        if (!session.passed && acc.failed === 0) acc.failed = 1;
        total.passed += acc.passed;
        total.failed += acc.failed;
        total.skipped += acc.skipped;
      }
      if (file) writeFileSync(file, JSON.stringify(total));
    },
  };
}
