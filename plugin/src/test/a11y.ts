/** axe-core over a rendered page; the tests fail on serious and critical violations only. */
import axe from 'axe-core';

export async function seriousA11yViolations(container: Element): Promise<string[]> {
  const results = await axe.run(container, {
    // jsdom cannot compute colours or layout; contrast is checked in the browser tests instead.
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations
    .filter(violation => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      violation =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map(node => node.target.join(' '))
          .join(', ')})`
    );
}
