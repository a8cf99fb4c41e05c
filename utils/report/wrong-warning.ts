/**
 * "Report a wrong warning": a prefilled issue on the project's tracker, opened in a new tab on
 * the user's click. The user sees and sends it; nothing is sent automatically. It carries only
 * public facts (site, breach ids, feed sequence, extension version), never personal data.
 */
export const ISSUE_TRACKER = 'https://github.com/exposure-watch/exposure-watch/issues/new';

/** The prefilled new-issue URL for a warning about `site`. */
export function wrongWarningUrl(r: { site: string; breachIds: readonly string[]; feedSequence: number | null; version: string }): string {
  const body = [
    `Site: ${r.site}`,
    `Breach(es): ${r.breachIds.join(', ') || '(none)'}`,
    `Feed sequence: ${r.feedSequence ?? 'unknown'}`,
    `Extension version: ${r.version}`,
    '',
    'What is wrong with this warning? (For example: the breach is not about this site, or a fact is wrong. Please include a source.)',
    '',
  ].join('\n');
  const params = new URLSearchParams({ title: `Wrong warning: ${r.site}`, labels: 'wrong-warning', body });
  return `${ISSUE_TRACKER}?${params}`;
}
