export * from '../../shared/import-jobs';
