// The read side of the storekeeper's counter (stock, wallets, technicians, open work orders,
// movement history), all from the station cache's reader connection with the pending effects of
// queued operations on top. One module per call under ./stock/.
export { stockByBin } from './stock/by-bin.ts';
export { stockByPart } from './stock/by-part.ts';
export { lowStock, SCAN_BUDGET } from './stock/low-stock.ts';
export { stockMovements } from './stock/movements.ts';
export { searchParts } from './stock/parts-search.ts';
export { technicians, walletForTechnician } from './stock/people.ts';
export { siteWarehouses } from './stock/warehouses.ts';
export { openWorkOrders } from './stock/work-orders.ts';
