export { CartJournal, CART_JOURNAL_FILE } from './cart-journal';
export { createCartHandlers } from './handlers';
