/** The desktop shell's own message schemas live in src/shared/shell.ts (the renderer checks them too). */
export * from '../shared/shell';
