export * from './organisations';
export * from './auth';
export * from './audit';
export * from './courses';
export * from './learning';
export * from './assessment';
export * from './certificates';
export * from './cohorts';
