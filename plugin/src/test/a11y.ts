/** axe-core over a rendered page; the tests fail on serious and critical violations only. */
import axe from 'axe-core';

const SERIOUS = new Set(['serious', 'critical']);

/**
 * axe runs asynchronously while React may still commit (a query settling, a save message appearing). A
 * node that React replaced during the run is judged detached, where its labels cannot be found, which is
 * an artefact of timing and not of the page. Such a run is repeated on the page as it now is (at most three
 * times); violations on nodes that are still in the document are always reported.
 */
export async function seriousA11yViolations(container: Element): Promise<string[]> {
  for (let attempt = 1; ; attempt++) {
    const results = await axe.run(container, {
      elementRef: true,
      // jsdom cannot compute colours or layout; contrast is checked in the browser tests instead.
      rules: { 'color-contrast': { enabled: false } },
    });
    const serious = results.violations.filter(violation => SERIOUS.has(violation.impact ?? ''));
    const onDetachedNodes = serious.some(violation =>
      violation.nodes.some(node => node.element && !node.element.isConnected)
    );
    if (onDetachedNodes && attempt < 3) continue;
    return serious.map(
      violation =>
        `${violation.id}: ${violation.help} (${violation.nodes
          .map(node => node.target.join(' '))
          .join(', ')})`
    );
  }
}
