/** Settings screen: groups, hints and the copy button. Spread into `en` (en.ts). */
export const enSettings = {
  'settings.group.appearance': 'Appearance',
  'settings.group.updates': 'Updates',
  'settings.group.imports': 'Imports and notifications',
  'settings.group.data': 'Your data',
  'settings.language.hint': 'PIM Steward speaks English for now; more languages will follow.',
  'settings.updateChannel.latestHint': 'Tested releases only. Recommended.',
  'settings.updateChannel.betaHint': 'New versions a few weeks early, with the odd rough edge.',
  'settings.stuckJobMinutes.hint':
    'An import that shows no progress for this long is marked stuck in Activity and you are notified.',
  'settings.stuckJobMinutes.invalid': 'Enter a whole number of minutes from {min} to {max}.',
  'settings.notifications': 'Desktop notifications',
  'settings.notifications.hint':
    'When long syncs, pushes and imports end while PIM Steward is in the background. Notices always show inside the app.',
  'settings.copy': 'Copy',
  'settings.copyDataFolder': 'Copy the data folder path',
  'settings.copied': 'Copied',
  'settings.copyFailed': 'Could not copy; select the path and copy it by hand.',
  'settings.fieldIndexes': 'Fast filters',
  'settings.fieldIndexes.hint':
    'Fields with an index, so filtering and sorting a large catalog by them takes milliseconds. One is added when a filter or sort by a field was slow, or when you open the filter of a field in a catalog of 50,000 records or more; at most four. Each one makes saving edits and syncing a little slower.',
  'settings.fieldIndexes.none': 'None yet.',
  'settings.fieldIndexes.building': 'being built…',
  'settings.fieldIndexes.failed': 'could not be built ({message}); filters by it still work, more slowly',
  'settings.fieldIndexes.remove': 'Remove',
  'settings.fieldIndexes.removeLabel': 'Remove the fast filter on {field}',
} as const;
