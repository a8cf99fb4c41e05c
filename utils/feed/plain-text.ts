/**
 * Feed text is untrusted and is shown as plain text: in the notice, the popup and the pages, in
 * the toolbar button's tooltip and in notifications. Unicode's bidirectional formatting controls
 * (the Bidi_Control property: U+061C, U+200E, U+200F, U+202A-U+202E, U+2066-U+2069) in such text
 * reorder what a reader sees: "Shop\u202Egnp.exe" reads "Shopexe.png", and a title can make a
 * sentence around it read differently. A notification has no markup to isolate them, so they are
 * removed from every text field of a record as a feed enters the extension (sync and the bundled
 * copy), before anything stores or shows it. Other invisible characters (joiners in emoji and in
 * Korean or Indic text) are left alone: they do not reorder anything.
 */
import type { BreachRecord, FeedDocument } from './schema';

const BIDI_CONTROLS = /\p{Bidi_Control}/gu;

/** `text` without bidirectional formatting controls. */
export function stripBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

/**
 * `record` with bidirectional controls removed from its title, Korean title, descriptions and
 * data class names (classes left empty are dropped; a title left empty becomes the record's id).
 * Returns the same object when there was nothing to remove.
 */
export function plainTextRecord(record: BreachRecord): BreachRecord {
  const texts = [record.title, record.titleKo, record.description, record.descriptionKo, ...record.dataClasses, ...record.notExposed];
  if (!texts.some((t) => t !== undefined && /\p{Bidi_Control}/u.test(t))) return record;
  const classes = (list: readonly string[]) => [...new Set(list.map(stripBidiControls).filter((c) => c.trim() !== ''))];
  const { titleKo, descriptionKo, ...rest } = record;
  const out: BreachRecord = {
    ...rest,
    title: stripBidiControls(record.title).trim() || record.id,
    description: stripBidiControls(record.description),
    dataClasses: classes(record.dataClasses),
    notExposed: classes(record.notExposed),
  };
  const ko = titleKo === undefined ? '' : stripBidiControls(titleKo).trim();
  if (ko) out.titleKo = ko;
  if (descriptionKo !== undefined) out.descriptionKo = stripBidiControls(descriptionKo);
  return out;
}

/** `doc` with every record passed through `plainTextRecord`. */
export function plainTextFeed(doc: FeedDocument): FeedDocument {
  return { ...doc, breaches: doc.breaches.map(plainTextRecord) };
}
