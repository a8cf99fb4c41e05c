/**
 * The user's profile and checklist for one site, from the background, with the assessment
 * (utils/assessment/assess.ts) and the two edits the popup and details page offer: toggling a
 * detail chip and ticking a step. Both are saved at once; the screen updates before the answer
 * and reloads from the background if saving fails (what was stored before is kept: each save is
 * one transaction), with a message that says so, in its own words for a full disk.
 */
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { send } from '@/utils/messaging/client';
import type { SiteReport } from '@/utils/messaging/protocol';
import type { SiteProfileState } from '@/utils/messaging/profile-protocol';
import { assessSite, type SiteAssessment } from '@/utils/assessment/assess';
import { withStep } from '@/utils/checklist/progress';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import { saveFailureKey } from '@/utils/ui/save-error';

export interface SiteExposure {
  state: SiteProfileState | null;
  assessment: SiteAssessment | null;
  toggleDetail: (detail: ProfileDetail, on: boolean) => void;
  toggleStep: (breachId: string, stepId: string, done: boolean) => void;
  /** Saving failed: the message key to show (`saveFailed`, or `saveFailedFull` for a full disk); null when the last save worked. */
  failure: string | null;
}

export function useSiteExposure(report: SiteReport | null): SiteExposure {
  const site = report?.site ?? null;
  const [state, setState] = useState<SiteProfileState | null>(null);
  const [failure, setFailure] = useState<string | null>(null);

  const reload = useCallback(() => {
    if (!site) return;
    send('ui:profile-get', { site }).then(setState, (error: unknown) => {
      console.error('exposure-watch: profile', error);
      setState({ profile: null, checklist: [] });
    });
  }, [site]);

  useEffect(() => {
    setState(null);
    reload();
  }, [reload]);

  const toggleDetail = useCallback(
    (detail: ProfileDetail, on: boolean) => {
      if (!site) return;
      const at = Date.now();
      setState((s) => {
        const profile = s?.profile ?? { site, details: [], addedAt: at, updatedAt: at };
        const rest = profile.details.filter((d) => d.detail !== detail);
        return { checklist: s?.checklist ?? [], profile: { ...profile, details: on ? [...rest, { detail, source: 'entered', at }] : rest } };
      });
      send('ui:profile-set-detail', { site, detail, on }).then(
        (profile) => {
          setFailure(null);
          setState((s) => ({ checklist: s?.checklist ?? [], profile }));
        },
        (error: unknown) => {
          setFailure(saveFailureKey(error));
          reload();
        },
      );
    },
    [site, reload],
  );

  const toggleStep = useCallback(
    (breachId: string, stepId: string, done: boolean) => {
      if (!site) return;
      setState((s) => (s ? { ...s, checklist: withStep(s.checklist, { site, breachId, stepId, done, at: Date.now() }) } : s));
      send('ui:checklist-set', { site, breachId, stepId, done }).then(
        () => setFailure(null),
        (error: unknown) => {
          setFailure(saveFailureKey(error));
          reload();
        },
      );
    },
    [site, reload],
  );

  const assessment = useMemo(() => (report && state ? assessSite(report, state.profile, state.checklist) : null), [report, state]);
  return { state, assessment, toggleDetail, toggleStep, failure };
}
