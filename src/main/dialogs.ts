/**
 * Native open and save dialogs as data. The renderer asks for a dialog over a shell channel; main
 * shows it, then registers the chosen paths as file tokens (file-tokens.ts), so paths never reach
 * the page.
 */
import type { OpenDialogOptions, SaveDialogOptions } from 'electron';
import { safeFileName, SAVE_EXTENSIONS } from './file-tokens';
import type { SaveKind } from './shell-schemas';

const KIND_LABELS: Readonly<Record<SaveKind, string>> = {
  csv: 'CSV',
  tsv: 'Tab-separated text',
  txt: 'Text',
  xlsx: 'Excel workbook',
  zip: 'ZIP archive',
};

export function openDialogOptions(input: {
  title?: string | undefined;
  multiple: boolean;
}): OpenDialogOptions {
  return {
    title: input.title ?? 'Choose files',
    properties: input.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
    filters: [
      { name: 'Catalog files', extensions: ['csv', 'tsv', 'txt', 'xlsx', 'zip'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

export function saveDialogOptions(
  input: { suggestedName: string; kind: SaveKind; title?: string | undefined },
  defaultFolder: string,
  join: (...parts: string[]) => string,
): SaveDialogOptions {
  return {
    title: input.title ?? 'Save',
    defaultPath: join(defaultFolder, safeFileName(input.suggestedName, input.kind)),
    filters: [{ name: KIND_LABELS[input.kind], extensions: [SAVE_EXTENSIONS[input.kind].slice(1)] }],
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  };
}
