/**
 * A site's report tied to the user's own details there: SiteReportView with the assessment,
 * checklist ticks and "Your details at <site>" editor wired to `useSiteExposure`. The popup
 * (compact, chips folded) and the details page (a full tab) both show it.
 */
import type { ComponentChildren } from 'preact';
import type { SiteReport } from '@/utils/messaging/protocol';
import type { ProfileDetail } from '@/utils/taxonomy/details';
import type { SiteExposure } from '@/utils/ui/use-site-exposure';
import { SiteReportView } from './site-report-view';
import { SiteDetailsEditor } from './detail-chips';

export interface SiteExposureReportProps {
  report: SiteReport;
  exposure: SiteExposure;
  ageWindowDays?: number;
  /** The details the editor suggests first (each page chooses which breaches they come from). */
  promote: readonly ProfileDetail[];
  /** Popup layout: compact cards, the editor folded behind a summary. */
  compact?: boolean;
  heading?: string;
  actions?: ComponentChildren;
}

export function SiteExposureReport({ report, exposure, ageWindowDays, promote, compact = false, heading, actions }: SiteExposureReportProps) {
  return (
    <SiteReportView
      report={report}
      ageWindowDays={ageWindowDays}
      compact={compact}
      heading={heading}
      actions={actions}
      assessment={exposure.assessment}
      onToggleStep={exposure.toggleStep}
      onAddDetail={(d) => exposure.toggleDetail(d, true)}
      profileSlot={
        exposure.state ? (
          <SiteDetailsEditor
            site={report.site}
            profile={exposure.state.profile}
            onToggle={exposure.toggleDetail}
            promote={promote}
            breached={report.breaches.some((v) => v.decision.badge)}
            listed={report.breaches.length > 0}
            collapsible={compact}
          />
        ) : null
      }
    />
  );
}
