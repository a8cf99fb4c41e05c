/**
 * Where the opt-in form observer may run: the sites with alertable breaches (the same set the
 * notice is registered for), minus every site near a sensitive breach (adult sites and the like
 * are never observed, whatever the alert settings say). Intersected with the granted origins
 * by utils/access/registration.ts `reconcileScript`.
 */
import type { BreachRecord } from '@/utils/feed/schema';
import { hostMatchesDomain, originsFor } from '@/utils/match/site';
import { isAlertable, type AlertSettings } from '@/utils/policy/alert';

/** Breach domains the observer may watch; `now` is epoch ms. */
export function observableDomains(breaches: readonly BreachRecord[], now: number, settings: AlertSettings): string[] {
  const sensitive = breaches.filter((b) => b.flags.sensitive).flatMap((b) => b.domains);
  // A pattern for example.com also covers x.example.com: keep clear of sensitive domains both ways.
  const nearSensitive = (d: string) => sensitive.some((s) => hostMatchesDomain(s, d) || hostMatchesDomain(d, s));
  const wanted = breaches.filter((b) => !b.flags.sensitive && isAlertable(b, now, settings)).flatMap((b) => b.domains);
  return [...new Set(wanted)].filter((d) => !nearSensitive(d));
}

/** Match patterns for `observableDomains`. */
export function observablePatterns(breaches: readonly BreachRecord[], now: number, settings: AlertSettings): string[] {
  return originsFor(observableDomains(breaches, now, settings));
}
