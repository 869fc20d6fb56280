// Every kind's table printer, registered on import. `tableFor` is what the HTTP API serves as a
// meta.k8s.io/v1 Table (call it with wide: true, as the API server does) and what `kubectl get` prints.
import './core';
import './pod';
import './storage';
import './apps';

export { tableFor, renderTable, tableLines, cellText, printerFor } from './table';
export type { Table, TableColumn, TableRow, PrintOptions, RenderOptions } from './table';
export { podStatusCells } from './pod';
