// Names shared by the global setup and the tests: the image under test, the local base it builds
// FROM, and the label that marks every container this suite starts (so only those are cleaned up).

/** The image the suite builds from the Containerfile and starts every container from. */
export const TEST_IMAGE = 'argent-run:test';

/** Label on every container the suite starts; the teardown removes only containers carrying it. */
export const SUITE_LABEL = 'dev.argent-run.container-suite';

/** The local base image made by scripts/ci/build-base-image.sh (same rule as scripts/ci/base-image-tag.sh). */
export function baseImageTag(env: NodeJS.ProcessEnv = process.env): string {
  if (env.ARGENT_BASE_IMAGE) return env.ARGENT_BASE_IMAGE;
  return `argent-run-base:bookworm-node${process.versions.node}`;
}

declare module 'vitest' {
  export interface ProvidedContext {
    /** The image to test, or null when no Docker engine answered outside CI (the suite then skips loudly). */
    containerImage: string | null;
    /** Identifies this run's containers for the teardown. */
    containerRunId: string;
  }
}
