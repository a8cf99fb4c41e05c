/** Mount a page's root component with the i18n context. */
import { render, type ComponentChildren } from 'preact';
import { I18nProvider } from '@/components/i18n';
import { applyDocumentI18n, pageI18n } from './i18n';

export async function mountPage(titleKey: string, app: () => ComponentChildren): Promise<void> {
  const i18n = await pageI18n();
  applyDocumentI18n(i18n, titleKey);
  const root = document.getElementById('app');
  if (!root) throw new Error('exposure-watch: page has no #app');
  render(<I18nProvider value={i18n}>{app()}</I18nProvider>, root);
}
