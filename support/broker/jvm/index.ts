/** The jvm runtime: Kafka jars from Maven Central, KRaft brokers and clusters in JVMs of their own, class-data archives, Java. */
export * from './class-data-build.js';
export * from './class-data.js';
export * from './find-java.js';
export * from './free-port.js';
export * from './jvm-runtime.js';
export * from './kafka-jars.js';
export * from './kafka-jvm-broker.js';
export * from './log-config.js';
export * from './run-kafka-class.js';
export * from './secured-broker.js';
