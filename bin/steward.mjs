#!/usr/bin/env node
// The `steward` command: loads the TypeScript CLI through tsx so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
const { nodeIo } = await import('../src/cli/io.ts');
process.exitCode = await runCli(process.argv.slice(2), nodeIo());
