export { CartJournal, CART_JOURNAL_FILE } from './cart-journal';
export { createCartHandlers } from './handlers';
export { readCartJournal, type CartJournalEntry } from './cart-journal-reader';
