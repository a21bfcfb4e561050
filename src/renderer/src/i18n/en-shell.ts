/** Texts of the desktop shell's banners (updates, system notices). */
export const enShell = {
  'shell.update.downloading': 'Downloading PIM Steward {version}: {percent} %',
  'shell.update.ready':
    'PIM Steward {version} is ready. Restart to use it; your edits and the upload queue are kept.',
  'shell.update.waiting':
    'PIM Steward {version} installs as soon as the uploads in progress finish. Nothing is interrupted.',
  'shell.update.installing': 'Installing PIM Steward {version}…',
  'shell.update.error': 'The update check failed: {message}',
  'shell.update.restart': 'Restart to update',
  'shell.update.retry': 'Check again',
  'shell.notice.dismiss': 'Dismiss',
} as const;
