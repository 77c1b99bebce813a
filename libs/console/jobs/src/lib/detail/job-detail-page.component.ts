import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Clock } from '@atelier/console/ui';
import { JobDetail } from './job-detail.component';
import { injectJobDetail } from './job-detail-state';

/** `/jobs/:job_id`: one job's page, to link and share; live while it runs. */
@Component({
  selector: 'atl-job-detail-page',
  imports: [MatButtonModule, MatIconModule, MatProgressBarModule, RouterLink, JobDetail],
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './job-detail-page.component.html',
  styleUrl: './job-detail-page.component.scss',
})
export class JobDetailPage {
  private readonly router = inject(Router);
  protected readonly clock = inject(Clock);

  /** Route parameter `:job_id`. */
  readonly jobId = input.required<string>({ alias: 'job_id' });
  protected readonly detail = injectJobDetail(
    () => this.jobId(),
    { deleted: () => void this.router.navigate(['/jobs']) },
  );
}
