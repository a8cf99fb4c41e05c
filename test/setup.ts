// IndexedDB for utils/db in Node; each test file gets its own fresh in-memory databases.
import 'fake-indexeddb/auto';
