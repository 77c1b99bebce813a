export * from './lib/icons/provide-console-icons';
export * from './lib/status/job-status-meta';
export * from './lib/status/job-status-icon.component';
export * from './lib/time/format-duration';
export * from './lib/confirm-dialog/confirm-dialog.component';
export * from './lib/image-drop-zone/image-file-check';
export * from './lib/image-drop-zone/image-drop-zone.component';
export * from './lib/time/clock';
