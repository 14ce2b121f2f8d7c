/** What specs use of the runtimes directly: the external runtime and the settings it reads. */
export { useExternalBroker } from './external/external-runtime.js';
export { readBrokerSettings } from './settings.js';
