/**
 * `npm run verify`'s JUnit report (reports/junit.xml, as vitest writes for a test run): a testsuite
 * per verify step, a testcase per check, so a CI system shows a failed check as a failed test.
 */
import { hostname } from 'node:os';

export interface JUnitCase {
  name: string;
  state: 'passed' | 'failed' | 'skipped';
  /** The failure's text (failed), or why it did not run (skipped). */
  message?: string;
}

export interface JUnitSuite {
  name: string;
  cases: JUnitCase[];
}

const escapeXml = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    // XML 1.0 has no way to write most control characters: drop them (tab, newline and return stay).
    .replace(/[^\t\n\r\u0020-\u{10ffff}]/gu, '');

function caseXml(suite: string, c: JUnitCase): string[] {
  const open = `    <testcase classname="${escapeXml(suite)}" name="${escapeXml(c.name)}" time="0">`;
  const message = escapeXml(c.message ?? '');
  if (c.state === 'failed') {
    const first = escapeXml((c.message ?? '').split('\n')[0] ?? '');
    return [open, `      <failure message="${first}" type="AssertionError">${message}</failure>`, '    </testcase>'];
  }
  if (c.state === 'skipped') return [open, `      <skipped message="${message}"/>`, '    </testcase>'];
  return [`${open}</testcase>`];
}

export function junitXml(name: string, suites: readonly JUnitSuite[], seconds: number): string {
  const count = (cases: readonly JUnitCase[], state: JUnitCase['state']) =>
    cases.filter((c) => c.state === state).length;
  const all = suites.flatMap((s) => s.cases);
  const lines = [
    '<?xml version="1.0" encoding="UTF-8" ?>',
    `<testsuites name="${escapeXml(name)}" tests="${all.length}" failures="${count(all, 'failed')}" errors="0" time="${seconds.toFixed(3)}">`,
  ];
  const timestamp = new Date().toISOString();
  for (const suite of suites) {
    lines.push(
      `  <testsuite name="${escapeXml(suite.name)}" timestamp="${timestamp}" hostname="${escapeXml(hostname())}" tests="${suite.cases.length}" failures="${count(suite.cases, 'failed')}" errors="0" skipped="${count(suite.cases, 'skipped')}" time="0">`,
      ...suite.cases.flatMap((c) => caseXml(suite.name, c)),
      '  </testsuite>',
    );
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}
