/// <reference types="vite/client" />
// Set-up file of the mutation-testing runs (vitest.mutation.config.ts): loads
// every module of src/ before any test runs. A module's top-level code (its
// constants, tables and regular expressions) then runs outside every test,
// which Stryker counts as static, as the mutation settings intend. Without
// this, a module first loaded inside a test (through a fresh-instance
// import, or a command the CLI loads lazily) has its constants counted as
// covered by that one test, and they show up as survivors.
import.meta.glob(['../../src/**/*.ts', '!../../src/**/*.d.ts'], { eager: true })
