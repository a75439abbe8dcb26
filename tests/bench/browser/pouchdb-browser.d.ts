/** The little of PouchDB's API the benchmark uses (pouchdb-browser ships no types). */
declare module 'pouchdb-browser' {
  interface PouchDatabase {
    bulkDocs(docs: object[]): Promise<unknown[]>;
    info(): Promise<{ doc_count: number }>;
    destroy(): Promise<void>;
  }
  interface ReplicationResult {
    ok: boolean;
    docs_written: number;
    errors: unknown[];
  }
  interface PouchStatic {
    new (name: string, options?: object): PouchDatabase;
    replicate(
      source: PouchDatabase,
      target: string | PouchDatabase,
      options?: object,
    ): Promise<ReplicationResult>;
  }
  const PouchDB: PouchStatic;
  export default PouchDB;
}
