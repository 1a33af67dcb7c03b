// Loaded before every e2e file (jest's project-level `testTimeout` is not honoured per project).
jest.setTimeout(30_000);
