/** The AsyncAPI document (asyncapi/asyncapi.yaml), parsed and compared with the topic catalog. */
export * from './document-topics.js';
export * from './parse-asyncapi-document.js';
