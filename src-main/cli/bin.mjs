#!/usr/bin/env node
// The `amms` command. TypeScript sources run through tsx, so `npx amms ...` works straight after
// `npm install` with no build step.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
