/** The shipped package (support/lib) as npm publishes it, and the usage its README gives. */
export * from './build-package.js';
export * from './readme-usage.js';
export * from './secured-usage.js';
