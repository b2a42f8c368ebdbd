// Moved to shared/monitoring/duration.ts; this re-export serves main/monitoring/local/** until it imports that.
export * from '../../../shared/monitoring/duration';
