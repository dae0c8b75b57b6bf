import { z } from 'zod';
import { formatMoney } from './domain/format';
import { currencySchema, type Currency } from './domain/money';

/**
 * Every sentence the main process says to the clerk, in English, keyed. Main sends the key and its
 * params next to the English text; the renderer shows `main.<key>` in the clerk's language
 * (renderer/src/i18n/locales/*.ts, each with exactly these keys and placeholders) and falls back
 * to the English text for a key it does not know. Placeholders are i18next's `{{name}}`.
 *
 * Params are numbers, codes, file and product names: never a credential, never a provider's own
 * words (those stay in the English `message` for logs and support).
 */
export const mainMessages = {
  // ---- IPC -------------------------------------------------------------------------------------
  ipcUnknownChannel: 'Unknown channel.',
  ipcInvalidInput: 'LinkPOS could not accept that request. Please try again.',
  ipcInternal: 'Something went wrong inside LinkPOS. The sale journal is safe; please try again.',
  ipcInvalidOutput: 'LinkPOS produced an answer it could not check. Please try again.',

  // ---- payment providers -------------------------------------------------------------------------
  providerAuth: 'The payment service rejected the API key.',
  providerRejected: 'The payment service refused the request.',
  providerNotFound: 'The payment service does not know this payment link.',
  providerNotListed: 'The payment service no longer lists this payment link.',
  providerRateLimited: 'The payment service is busy (too many requests). Try again in {{seconds}} s.',
  providerUnavailable: 'The payment service is having problems. Try again in a moment.',
  providerOffline: 'Cannot reach the payment service. Check the internet connection.',
  providerTimeout: 'The payment service did not answer in time.',
  providerUnknownOutcome:
    'The payment service did not give a clear answer, so LinkPOS does not know whether the request went through. It will check before doing anything again.',
  providerBadResponse: 'The payment service sent an answer LinkPOS could not read.',
  providerBadResponseCheck: 'The payment service sent an answer LinkPOS could not read. LinkPOS will check whether the link was made.',
  providerOrderReference: 'The order reference must be 1 to 22 characters.',
  providerCartEmpty: 'The cart is empty.',
  providerRowsNotTotal: 'The cart lines do not add up to the total. Remove and re-add the items.',
  ecsterNoKey: 'No Ecster API key is set. Enter it under Settings.',
  ecsterAuth: 'The payment service rejected the API key or merchant key.',
  ecsterLinkClosed: 'The payment link can no longer be changed: it is already paid or closed.',
  straumurNoKey: 'No Straumur API key is set. Enter it under Settings.',
  straumurAuth: 'Straumur rejected the API key. Check the key in Settings.',
  straumurUnreadable: 'Straumur could not read the request from LinkPOS (code {{code}}). Please report this to support.',
  straumurRefused: 'Straumur refused the request.',
  straumurRefusedCode: 'Straumur refused the request (code {{code}}).',
  straumurAmountNotPositive: 'The amount to pay must be above zero.',
  straumurExpiresEarly: 'The link would expire before it is created. Check the clock and the link validity in Settings.',
  straumurLinesNotTotal: 'The cart lines do not add up to the total.',
  straumurTheme: 'Straumur cannot use the checkout theme set in Settings. Check the theme key.',
  straumurCurrency: 'Your Straumur agreement does not cover this currency.',
  straumurUnknownLink: 'Straumur does not know this payment link.',
  straumurTerminalUnknown: 'Straumur does not recognise the terminal identifier, or this API key cannot use it. Check Settings.',
  straumurTerminalLength:
    'Straumur does not accept the length of the terminal identifier. Check it in Settings against the Merchant Portal (Terminals → Details).',
  straumurTerminalFormat: 'The Straumur terminal identifier must be 8 to 12 letters and digits. Check it in Settings.',
  straumurDuplicate: 'Straumur has already processed a request with this reference.',
  straumurAmountTooHigh: 'The amount is too high for Straumur.',
  straumurContactSupport: 'Straumur asks you to contact their support about this request.',
  straumurBelowMinimum: "The amount is below Straumur's minimum for this currency.",
  straumurBelowMinimumFor: "The amount is below Straumur's minimum for {{currency}}.",
  straumurDiscountRaises: 'A line costs more after its discount than before. Check the discounts.',
  straumurLineDiscountRaises: 'The line "{{name}}" costs more after its discount than before. Check the discount.',
  straumurWholeKronur: 'Straumur takes only whole krónur. Change the discount so every amount comes to whole krónur.',
  straumurWholeKronurLines: 'Straumur takes only whole krónur. Change the discount so every line and the total come to whole krónur.',
  straumurCartEmpty: 'The cart is empty. Add an item before charging.',
  straumurTooManyLines: 'Straumur accepts at most {{max}} lines in one payment link. Split the sale into smaller sales.',
  straumurDiscountNotTotal: 'The cart lines do not add up to the total. Remove and re-add the discount, then try again.',
  straumurValidityEarly: 'The link would expire before it is created. Check the link validity in Settings.',
  straumurCannotUpdate: 'A Straumur link cannot be changed. Cancel it and create a new one.',

  // ---- sales -------------------------------------------------------------------------------------
  saleNotFound: 'There is no sale with that id.',
  saleNotAwaitingRecreate: 'This sale is not waiting for a decision about a new link.',
  saleRecreateSearchFailed:
    'LinkPOS could not check with the payment service whether the first link exists, so it has not made a new one. Try again when the connection is back.',
  saleCannotChange: 'This sale can no longer be changed.',
  saleMustReplace: 'This provider cannot change a live link. Confirm to cancel it and create a new one.',
  salePaidBeforeChange: 'The customer paid before the change could be made. Start a new sale for the changes.',
  saleCloseFoundPayment: 'The payment service shows a payment on this link, so the sale was not closed. Check the payment.',
  saleAnotherLive: 'Another sale is waiting for payment. Finish or cancel it first.',
  saleTenderOff: 'Other payment means are turned off. A manager can allow them in Settings.',
  saleTenderLinkMayBePaid:
    'A link for this cart may still be paid. Take payment another way only once the sale has failed, was cancelled or was closed as not paid.',
  saleTenderShort: 'The amount given is less than the total.',
  refundTenderUnsupported: 'Refunds of cash and card-terminal sales are not supported yet. Give the money back in cash or on the terminal.',
  saleOldLinkOpen: 'The payment service has not confirmed that the old link is cancelled. Try again.',
  saleStillCreating: 'The link is still being created. Try again in a moment.',
  saleCannotCancel: 'This sale can no longer be cancelled.',
  saleNoLiveLink: 'This sale has no live link to send.',
  saleCannotSendLink: 'This payment provider cannot send links by SMS or e-mail. Show the QR code instead.',
  saleOnlyAttentionResolved: 'Only a sale that needs attention can be resolved.',
  saleCartCurrency: 'The cart is in {{cartCurrency}} but this sale is in {{currency}}.',
  saleNothingToCharge: 'There is nothing to charge: the total must be more than zero.',
  // What is wrong with a cart (validateCart's CartProblem keys, shared/domain/cart.ts).
  cartEmpty: 'The cart is empty.',
  cartTooManyLines: 'A sale can have at most {{max}} lines.',
  cartLineDuplicateId: '“{{name}}” appears twice with the same line id; remove it and add it again.',
  cartLineQuantityNotPositive: '“{{name}}”: the quantity must be more than zero.',
  cartLinePiecesNotWhole: '“{{name}}”: a number of pieces must be whole.',
  cartLineQuantityTooLarge: '“{{name}}”: the quantity is too large.',
  cartLinePriceNegative: '“{{name}}”: the price cannot be negative.',
  cartLinePriceTooLarge: '“{{name}}”: the price is too large.',
  cartLinePriceWholeKronur: '“{{name}}”: prices in ISK must be whole krónur.',
  cartLineVatInvalid: '“{{name}}”: the VAT rate is not valid.',
  cartLineDiscountNegative: '“{{name}}”: the discount cannot be negative.',
  cartLineDiscountOver100: '“{{name}}”: the discount cannot be more than 100 %.',
  cartLineDiscountWholeKronur: '“{{name}}”: the discount must be whole krónur.',
  cartLineTooExpensive: '“{{name}}”: the line costs more than one line may.',
  cartLineDiscountTooLarge: '“{{name}}”: the discount is larger than the line.',
  cartDiscountNegative: 'The cart discount cannot be negative.',
  cartDiscountOver100: 'The cart discount cannot be more than 100 %.',
  cartDiscountWholeKronur: 'The cart discount must be whole krónur.',
  cartDiscountTooLarge: 'The cart discount is larger than the cart.',
  cartTotalTooLarge: 'The total is more than one sale may be.',
  saleOtherProvider: 'This sale was made with another payment provider setting. Switch back to it to manage this sale.',
  saleDemoOnly: 'Only a demo sale can be paid from the till.',
  saleDemoRefused: 'The demo payment page did not accept that (the link may have ended).',

  // Why a sale failed or needs attention (sale views' reasonMessage).
  reasonNoLinkFound: 'The payment service did not answer. No link was found for this sale; confirm before creating a new one.',
  reasonSearchFailed:
    'The payment service did not answer, and LinkPOS could not search it for this sale’s link. Press Check now to search again, or confirm to create a new link.',
  reasonMismatchPaidAmounts:
    'The payment service reports a payment that does not match this sale ({{reported}} instead of {{expected}}). It has not been counted as paid.',
  reasonMismatchOpenAmounts:
    'The payment link at the payment service does not match this sale ({{reported}} instead of {{expected}}). Nothing has been paid.',
  reasonMismatchCancelledAmounts:
    'The payment link at the payment service does not match this sale ({{reported}} instead of {{expected}}). Nothing has been paid and the link has been cancelled.',
  reasonMismatchPaid: 'The payment service reports a payment that does not match this sale. It has not been counted as paid.',
  reasonMismatchOpen: 'The payment link at the payment service does not match this sale. Nothing has been paid.',
  reasonMismatchCancelled:
    'The payment link at the payment service does not match this sale. Nothing has been paid and the link has been cancelled.',
  reasonPaidWhileCancelling: 'The customer paid while the clerk was cancelling the sale. Check the payment and refund or keep it.',
  reasonPaidStillAttention: 'The customer has paid; this sale still needs attention.',
  reasonPaidAfterCancelled: 'The customer paid after the sale was cancelled. Check the payment with the provider and refund or keep it.',
  reasonPaidAfterExpired: 'The customer paid after the sale was expired. Check the payment with the provider and refund or keep it.',
  reasonPaidAfterFailed: 'The customer paid after the sale was failed. Check the payment with the provider and refund or keep it.',
  reasonProviderFailed: 'The provider reports the payment failed.',
  reasonOrderDenied: '{{provider}} declined the payment. Nothing was paid; charge again for a new payment link.',
  reasonOrderAborted: '{{provider}} reports the payment as cancelled. Nothing was paid; charge again for a new payment link.',
  reasonOrderExpired: '{{provider}} reports the payment was not completed in time. Nothing was paid; charge again for a new payment link.',
  reasonOrderFailed: '{{provider}} reports the payment failed. Nothing was paid; charge again for a new payment link.',
  reasonOrderAttention:
    '{{provider}} reports the order in a state LinkPOS does not count as paid. Check the order in the provider’s portal.',
  reasonStoppedWaitingForOrder:
    'The clerk stopped waiting while the customer was still completing the payment. Check the order in the provider’s portal before handing over the goods or charging again.',
  reasonLinkUnknown:
    'The payment service no longer knows this link, so the customer cannot pay it. Make a new link for the same cart, or close the sale as not paid.',
  reasonOutcomeUnconfirmed:
    'The link has ended and LinkPOS could not confirm how the payment ended. Check the payment service, then make a new link for the same cart or close the sale as not paid.',
  reasonCaptureUnknown: 'The debit’s answer was lost. LinkPOS reads the order to find out and never sends a second debit.',
  reasonCaptureRefused: 'The payment service refused to debit the order. Debit it in the provider’s portal, then resolve this sale.',
  reasonCaptureNotFound:
    'The debit’s answer was lost and the order shows no debit. Debit it in the provider’s portal, then resolve this sale.',
  reasonCaptureState:
    'The payment service says the order cannot be debited in its current state. Check it in the provider’s portal, then resolve this sale.',
  reasonResolved: 'Resolved: {{note}}',
  reasonRefundRefused: 'The payment service refused the refund. Nothing was refunded.',
  reasonRefundUnknown: 'The refund’s answer was lost. LinkPOS reads the order to find out and never sends the refund again.',
  reasonRefundNotFound: 'The refund’s answer was lost and the order shows no refund. Check it in the provider’s portal.',
  reasonRefundSwishFailed: 'The Swish refund did not go through. Nothing was refunded.',
  reasonRefundNotDone: 'The clerk says this refund was not made.',

  // A sale's status history (history entries' noteMessage).
  noteSaleStarted: 'Sale started',
  notePaidCash: 'Paid in cash',
  notePaidTerminal: 'Paid on the card terminal',
  noteLinkCreated: 'Link created',
  noteLinkAdopted: 'Existing link found at the provider and adopted',
  noteRecreateConfirmed: 'Clerk confirmed creating a new link',
  noteLinkUpdated: 'Cart changed; link updated',
  noteLinkReplaced: 'Cart changed; old link cancelled, creating a new one',
  noteLinkSentEmail: 'Link sent by e-mail to {{to}}',
  noteLinkSentSms: 'Link sent by SMS to {{to}}',
  noteCancelled: 'Cancelled by the clerk',
  noteProviderReports: 'Provider reports {{status}}',
  noteCustomerOpened: 'Customer opened the link',
  noteOrderPending: 'Customer is completing the payment ({{status}})',
  noteOrderReady: 'Payment approved ({{status}}); debiting it',
  noteOrderAuthorised: 'Payment approved ({{status}}); to be debited in the provider’s portal',
  noteCaptureRequested: 'Debit sent to the payment service',
  noteCaptured: 'Payment debited',
  noteCaptureFound: 'Payment debited (found in the order)',
  notePaidAfterCancelled: 'Payment received (cancelled)',
  notePaidAfterExpired: 'Payment received (expired)',
  notePaidAfterFailed: 'Payment received (failed)',
  notePaidStillAttention: 'Payment received (needs-attention)',
  noteRefundRequested: 'Refund {{number}} of {{amount}} requested',
  noteRefundSent: 'Refund {{number}} sent to the payment service',
  noteRefundUnknown: 'Refund {{number}}: the answer was lost; reading the order',
  noteRefunded: 'Refund {{number}} of {{amount}} refunded',
  noteRefundFailed: 'Refund {{number}} failed; nothing was refunded',
  noteRefundAttention: 'Refund {{number}} needs a person',
  noteRefundRecorded: 'Refund {{number}} of {{amount}} recorded: complete it in the provider’s portal',
  noteRefundRecordedDone: 'Refund {{number}} completed in the provider’s portal (confirmed by the clerk)',

  // ---- refunds -----------------------------------------------------------------------------------
  refundNothing: 'Choose at least one item to refund.',
  refundUnknownLine: 'That item is not on this sale.',
  refundTooMuch: 'That is more than is left to refund on this sale.',
  refundNotPaid: 'Only a paid sale can be refunded.',
  refundPartialUndebited:
    'This order was never debited, so it can only be cancelled whole. Refund everything that is left, or debit it in the provider’s portal first.',
  refundNotFound: 'This sale has no such refund.',
  refundStale: 'This sale was refunded from another window meanwhile. Look at it again before refunding more.',
  refundStillOpen: 'An earlier refund of this sale is still under way. Wait until it has finished.',
  refundNotWaiting: 'Only a refund that waits for a person can be marked as done or not done.',
  refundOrderUnreadable: 'LinkPOS could not read the order at the payment service, so nothing was refunded. Try again.',
  refundNotDoneUnreadable:
    'LinkPOS could not ask the payment service whether this refund was made, so it is still open. Check the order in the provider’s portal, or try again.',
  refundNotDoneUnclear:
    'The payment service shows money given back that LinkPOS cannot match to this refund, so it is still open. Check the order in the provider’s portal, then mark it done if it was made.',

  // ---- storage, journal ---------------------------------------------------------------------------
  journalClosed: 'The sales journal is closed.',
  journalBroken: 'The sales journal cannot be written. Restart LinkPOS; recorded sales are safe.',
  journalWriteFailed: 'The sale could not be saved to disk. Restart LinkPOS; recorded sales are safe.',
  journalDamagedLine: 'Sales journal line {{line}} is damaged. Recorded sales are safe; call support.',
  cartJournalDamagedLine:
    'Cart journal line {{line}} is damaged. A cart being built or parked may be incomplete; recorded sales are safe. Call support.',
  journalTornPaid:
    'The sales journal lost its last record in a crash. It may have recorded sale {{number}} as paid, which the clerk may have seen. LinkPOS checks the sale with the payment service again; make sure it shows Paid before charging the customer again.',
  journalTornPaidUnknown:
    'The sales journal lost its last record in a crash. It may have recorded a payment the clerk may have seen. Check the latest sales with the payment service.',
  journalMemoryEmpty: 'The journal memory holds no registrations in the chosen period: choose another period.',
  journalMemoryNoUnitSerial:
    'The export must name the control unit’s serial number, and the unit has not answered this till yet. Check the control unit in Settings and sell once, then export again.',
  journalExportNotJournaled:
    'The export was not handed over: the till’s journal could not record it. Try again; if it keeps failing, restart LinkPOS and look at the log.',
  journalMemoryNotSwedish: 'The journal-memory export is for a Swedish till: switch on the Swedish cash register rules in Settings first.',
  journalReplayProblem: 'A sales journal record could not be applied. Recorded sales are safe; call support.',
  journalSealBroken: 'Sales journal records were changed or removed after they were sealed (seal on line {{line}}). Call support.',
  journalSealForged: 'A seal in the sales journal (line {{line}}) is not signed with this till’s key. Call support.',
  journalSealOtherTill: 'The sales journal holds seals of another till (line {{line}}): it is not this till’s journal. Call support.',
  journalUnsealedRecords:
    'Sales journal records from line {{line}} on were never sealed, although the till seals them every minute. Call support.',
  journalSealsMissing: 'The sales journal has no seals, although this till seals it: it may have been rewritten. Call support.',
  journalSealKeyReplaced:
    'This till’s sealing key could not be read, so a new one was made. The journal’s earlier seals cannot be checked at this till.',
  journalSealKeyMemoryOnly:
    'This computer has no system keyring, so the till’s sealing key is kept only until LinkPOS closes and the journal’s earlier seals cannot be checked. Set up a keyring (such as GNOME Keyring or KWallet).',
  settingsSaveFailed: 'The settings could not be saved to disk. Nothing was changed; please try again.',
  credentialsClearFailed: 'The saved credentials could not be removed from disk. Please try again.',

  // ---- catalog -----------------------------------------------------------------------------------
  catalogFileEmpty: 'The file is empty.',
  catalogFileBinary:
    'This is not a CSV text file (it looks like a spreadsheet or other binary file). Save it as "CSV UTF-8" and try again.',
  catalogFileEncoding:
    'The file has characters that could not be read, so it is probably not saved as UTF-8. Save it as "CSV UTF-8" and try again.',
  catalogNoHeader: 'The file has no header line naming the columns.',
  catalogTwoColumns: 'The file has two {{column}} columns (columns {{first}} and {{second}}). Keep one and try again.',
  catalogMissingColumns:
    'The first line must name the columns; it has no {{columns}} column. See the catalog format help for the column names.',
  catalogOtherFileOpened: 'Another catalog file was opened, so this one was not read.',
  catalogImportGone: 'This import is no longer available (it expired or another file was opened). Please open the file again.',
  catalogNoValidProducts: 'The file has no valid products, so the catalog was not changed.',
  catalogSaveFailed:
    'The catalog could not be saved, so the old catalog is still in use. Check that the disk has free space and try again.',
  catalogImportLost:
    'Another till published a catalog for the shop at the same moment, and that one was kept. This till now has it. Open your file again to replace it.',
  quickKeysSaveFailed: 'The quick keys could not be saved. Check that the disk has free space and try again.',
  // One line of an import preview (ImportRowError.messages).
  rowFieldCount: 'the row has {{fields}} fields but the first line names {{columns}} columns',
  rowFieldCountComma:
    'the row has {{fields}} fields but the first line names {{columns}} columns (in a comma-separated file, a decimal comma must be inside quotes)',
  rowBarcodeMissing: 'barcode missing',
  rowBarcodeScientific: 'barcode {{value}} was turned into a number by the spreadsheet; format the column as text and export again',
  rowBarcodeTooLong: 'barcode is longer than 64 characters',
  rowBarcodeControl: 'barcode has characters a scanner cannot produce',
  rowNameMissing: 'name missing',
  rowNameTooLong: 'name is longer than 200 characters',
  rowPriceMissing: 'price missing',
  rowPriceNegative: 'price cannot be negative',
  rowPriceNotNumber: 'price is not a number ({{value}})',
  rowPriceDecimals: 'price {{value}} has more than two decimals',
  rowPriceTooLarge: 'price is too large',
  rowVatMissing: 'VAT rate missing',
  rowVatNotNumber: 'VAT rate is not a number ({{value}})',
  rowVatUnknown: 'VAT rate {{value}} % is not a rate we know',
  rowVatFraction: 'VAT rate {{value}} % is not a rate we know (write the rate in percent, e.g. 25)',
  rowWeighed: 'weighed must be yes or no (got {{value}})',
  rowUnitTooLong: 'unit is longer than 16 characters',
  rowKind: 'kind must be goods or service (vara or tjänst) (got {{value}})',
  rowGroupTooLong: 'group is longer than 60 characters',
  rowPartNumberTooLong: 'part number is longer than 64 characters',
  rowQuoteOpen: 'a quoted field is never closed (missing ")',
  rowQuoteTrailing: 'a quoted field has text after its closing quote',
  rowDuplicate: 'duplicate barcode (first on line {{line}})',

  // ---- receipts, reports ------------------------------------------------------------------------
  receiptOnlyPaid: 'Only a paid sale has a receipt.',
  receiptOnlyRefunded: 'Only a refund that has been made has a refund receipt.',
  receiptOtherSeries: 'This receipt number belongs to the other receipt series.',
  zNotFound: 'There is no Z report number {{number}}.',
  zSaveFailed: 'The Z report could not be saved to disk, so the day is not closed. Try again.',
  zUnreadable: 'The Z reports cannot be read.',
  zFileDamaged: 'The Z report file ({{file}}) is damaged. No Z report can be taken until support has looked at it.',
  zJournalShorter: 'The sales journal is shorter than at the last Z report. Call support before closing the day.',
  zNothingSince: 'Nothing to close: no sale has finished since Z report {{number}}.',
  zNothingYet: 'Nothing to close: no sale has finished yet.',
  zOpenSales: 'The day was not closed: {{count}} sale(s) are not final yet. Resolve them first, or confirm closing the day anyway.',
  printNeedsDesktop: 'Printing needs the desktop app — use Save receipt as PDF',
  printPrepareFailed: 'The receipt could not be prepared for printing. Try again.',
  printPrepareTimeout: 'The receipt could not be prepared for printing in time. Try again.',
  printPrinterFailed: 'The printer “{{printer}}” did not print the receipt.',
  printFailed: 'The printer did not print the receipt.',
  printerNotSet: 'No network receipt printer is set. Choose one under Settings.',
  drawerNoPrinter: 'The cash drawer opens through an ESC/POS receipt printer, and none is set. Choose one under Settings.',
  printerLogoUnreadable: 'The logo must be a PNG image of at most 2 MB.',
  mailAddressInvalid: 'That is not an e-mail address. Check it and try again.',
  mailNotConfigured: 'E-mail receipts are not set up. Enter the SMTP server under Settings.',
  mailPasswordMissing: 'The SMTP password is not saved. Enter it under Settings.',
  mailConnection: 'The mail server could not be reached. The receipt was not sent; try again.',
  mailAuth: 'The mail server did not accept the SMTP user name or password. The receipt was not sent.',
  mailRejected: 'The mail server refused the receipt. Check the address and try again.',

  // ---- staff (electron/services/staff/) -----------------------------------------------------------
  staffSignInRequired: 'Sign in with your PIN first.',
  staffSignInNotJournaled:
    'Sign-in was not possible: the till’s journal could not be written. Try again; if it keeps failing, restart LinkPOS and look at the log.',
  staffManagerRequired: 'This needs a manager. Ask a manager to approve it with their PIN.',
  staffWrongPin: 'Wrong PIN. {{left}} more tries before a pause.',
  staffLockedSeconds: 'Too many wrong PINs. Try again in {{seconds}} seconds.',
  staffLockedMinutes: 'Too many wrong PINs. Try again in {{minutes}} minutes.',
  staffPinTaken: 'Another member of staff has this PIN. Choose another.',
  staffNotFound: 'There is no such member of staff.',
  staffKeepOwner: 'The owner cannot be removed.',
  staffOwnerForLiveKeys: 'Create the owner’s PIN (Settings → Staff) before saving live provider keys.',
  staffFileDamaged:
    'The staff file could not be read. It was kept as {{file}} in the data folder; until staff are added again, the till is open to anyone.',
  printerJobDropped: 'A queued receipt could not be made and was not printed. Print it again from History.',
  printAutoFailed: 'The receipt was not printed: LinkPOS could not print it. Print it again from History.',
  pdfNotMade: 'The PDF could not be made. Try again.',
  pdfUnavailable: 'Saving as PDF is not available here.',
  pdfNeedsChromium: 'Saving as PDF needs Chromium, which is not installed on this computer.',
  pdfHostStarting: 'The web host is still starting. Try again in a moment.',
  pdfEmpty: 'Chromium did not produce a PDF.',
  pdfFailed: 'Chromium could not make the PDF. Try again.',

  // ---- settings: credentials, connection test -----------------------------------------------------
  testNotConfigured: 'No credentials are set yet.',
  testNeedsReentry: 'The saved credentials must be entered again before the connection can be tested.',
  testAccepted: 'The payment service accepted the key.',
  testNoAnswer: 'The payment service did not answer.',
  testUnreachable: 'The connection test could not be completed. Check the network connection and try again.',

  // ---- start-up: files that could not be read -----------------------------------------------------
  storeUnreadableSettings:
    'The settings file could not be read. LinkPOS started without it and kept the unreadable file as {{file}} in the data folder.',
  storeUnreadableCredentials:
    'The saved credentials file could not be read. LinkPOS started without it and kept the unreadable file as {{file}} in the data folder.',
  storeUnreadable: 'A data file could not be read. LinkPOS started without it and kept the unreadable file as {{file}} in the data folder.',
  tillIdentityUnreadable:
    'The till’s identity file could not be read. LinkPOS gave this till a new identity, so new order references cannot repeat old ones, and kept the unreadable file as {{file}} in the data folder.',
  reasonFoundLinkMismatch:
    'A payment link with this sale’s order reference exists at the payment service, but its amount or currency differs from this sale. LinkPOS has not taken it as this sale’s link. Check the payment service before resolving this sale.',
  saleRecreateForeignLink:
    'A payment link with this sale’s order reference exists at the payment service, but it does not match this sale, so LinkPOS has not made a new one. Check the payment service, then resolve this sale.',
  settingsTillNameRequired: 'Enter a name for this till.',
  settingsOrganisationNumber:
    'Enter the shop’s Swedish organisation number, 10 digits (e.g. 556036-0793). A Swedish till prints it on every receipt.',
  settingsSaleAddressRequired: 'Enter the address where the sale takes place. A Swedish till prints it on every receipt.',
  settingsTillDesignationRequired: 'Enter the till designation registered with Skatteverket.',
  settingsEfstaUrl: 'Enter the efsta EFR’s address, such as http://localhost:5618.',
  controlUnitUnreachable:
    'The control unit cannot be reached. The payment is recorded; receipt {{number}} will be signed and printed as soon as the unit answers.',
  controlUnitRefused: 'The control unit refused receipt {{number}}. The payment is recorded; check the control unit’s settings.',
  receiptWaitingForControlUnit: 'This receipt is waiting for the control unit. It is printed as soon as the unit answers.',
  receiptCopyAlreadyMade: 'This receipt already has its one copy. Swedish rules allow only one copy of a receipt.',
  controlUnitBack: 'The control unit answers again: every waiting receipt is signed.',
  receiptOriginalHandedOver:
    'This receipt has been printed, saved or e-mailed already. Swedish rules allow one copy of it: use Reprint, which marks it KOPIA.',
  printerReprintNoCopy:
    'A receipt the printer may not have finished was not printed again: it already has its one copy, and Swedish rules allow no other.',
  settingsFileUnreadable: 'The settings could not be read, so LinkPOS started with default settings.',
  settingsFileNewer: 'The settings were saved by a newer version of LinkPOS, so this version started with default settings.',
  settingsFileUnrecognised: 'The settings file is in a format LinkPOS does not recognise, so it started with default settings.',
  settingsFieldsReset: 'Some settings could not be read and were reset to their defaults: {{fields}}. Please check them.',
  credentialsReentryAlarm:
    'The saved credentials cannot be used. Please enter them again under Settings. Sales, the journal and other settings are not affected.',
  catalogFileUnreadable:
    'The product catalog could not be read. LinkPOS started with an empty catalog and kept the unreadable file as {{file}} in the data folder. Import your catalog again.',

  // ---- the main process itself ------------------------------------------------------------------
  appUnexpectedError:
    'Something unexpected went wrong inside LinkPOS (reference {{ref}}). It was written to the log and LinkPOS carries on; recorded sales are safe. If it happens again, restart LinkPOS.',

  // ---- shop database ---------------------------------------------------------------------------
  shopDatabaseUrlInvalid: 'The shop database must be a PostgreSQL address such as postgres://user:password@host:5432/shop.',
  shopDatabaseFromEnvironment:
    'The shop database is set by LINKPOS_SHOP_DATABASE_URL where LinkPOS was started, so it cannot be changed here.',
  shopDatabaseDuplicateTillCode:
    'Another till in the shop database ({{otherTill}}) has this till’s code {{code}}, so their order references could be confused. This till keeps selling and copying its journal; ask whoever set up the tills to give one of them a new identity.',
  shopDatabaseConflict:
    'The shop database holds a different copy of record {{seq}} of this till’s journal. The till’s own journal stands and nothing was overwritten; copying has stopped until someone who runs the shop database has looked.',

  // ---- settings form ---------------------------------------------------------------------------
  settingsNotUrl: 'Must be empty or a full web address (https://…)',
  settingsNotHttpsUrl: 'Must be empty or a web address starting with https://',
  settingsTerminalFormat: 'Must be empty or 8 to 12 letters and digits',
  settingsWholeMinutes: 'Must be a whole number of minutes',
  settingsMinMinutes: 'Must be at least 1 minute',
  settingsMaxMinutes: 'Must be at most 24 hours (1440 minutes)',
  settingsPaperWidth: 'Must be 58 or 80 mm',
  settingsPrinterHost: 'Enter the printer’s host name or IP address, e.g. 192.168.1.50',
  settingsCupsPrinter: 'Choose a printer from the list of the computer’s printers.',
  settingsPrinterPort: 'Must be a port number from 1 to 65535 (usually 9100)',
  settingsTerminalNeeded: 'Straumur needs the terminal identifier from your Straumur contract (Merchant Portal → Terminals → Details)',
  settingsEnvironmentEcster: 'Choose test or live for Ecster',
  settingsEnvironmentStraumur: 'Choose staging or production for Straumur',
  settingsIskStraumurOnly: 'ISK is only available with Straumur (or the demo imitating Straumur)',
  settingsTooLong: 'Must be at most {{max}} characters',
  settingsInvalid: 'This value is not valid',
} as const;

export type MessageKey = keyof typeof mainMessages;
export type MessageParams = Readonly<Record<string, string | number>>;
/** A sentence for the clerk: a catalog key and the values of its placeholders. */
export type Message = { readonly key: MessageKey; readonly params?: MessageParams };

export const messageKeys = Object.keys(mainMessages) as [MessageKey, ...MessageKey[]];
export const messageKeySchema = z.enum(messageKeys);
export const messageParamsSchema = z.record(z.string().max(40), z.union([z.string().max(500), z.number()]));
export const messageSchema = z.object({ key: messageKeySchema, params: messageParamsSchema.optional() });

export function isMessageKey(key: unknown): key is MessageKey {
  return typeof key === 'string' && Object.hasOwn(mainMessages, key);
}

/** A Message, with params only when there are any. */
export function msg(key: MessageKey, params?: MessageParams): Message {
  return params && Object.keys(params).length > 0 ? { key, params } : { key };
}

/** The `{{name}}` placeholders of a template, sorted. */
export function placeholders(template: string): string[] {
  return [...template.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1] ?? '').sort();
}

/** Renders a template's `{{name}}` placeholders from params; an unknown placeholder stays as it is. */
export function renderTemplate(template: string, params: MessageParams = {}): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/**
 * Money in params: a pair `<name>Minor` (integer minor units) and `<name>Currency` is shown as
 * `{{<name>}}`, formatted by whoever reads it — English here, the clerk's locale in the renderer.
 */
export function withMoney(params: MessageParams | undefined, format: (minor: number, currency: Currency) => string): MessageParams {
  const out: Record<string, string | number> = { ...params };
  for (const [name, value] of Object.entries(params ?? {})) {
    if (!name.endsWith('Minor') || typeof value !== 'number' || !Number.isSafeInteger(value)) continue;
    const base = name.slice(0, -'Minor'.length);
    const currency = currencySchema.safeParse(params?.[`${base}Currency`]);
    if (currency.success) out[base] = format(value, currency.data);
  }
  return out;
}

/** The English sentence of a Message: the IPC error's `message`, log lines and journal text. */
export function englishText(message: Message): string {
  return renderTemplate(
    mainMessages[message.key],
    withMoney(message.params, (minor, currency) => formatMoney(minor, currency, 'en-GB')),
  );
}

/**
 * English text with the Message it came from, where there is one: the shape of IPC errors (plus
 * their code) and alarms. The renderer shows the Message in the clerk's language, else `message`.
 */
export const localizedTextSchema = z.object({
  message: z.string().max(1000),
  key: messageKeySchema.optional(),
  params: messageParamsSchema.optional(),
});
export type LocalizedText = z.infer<typeof localizedTextSchema>;

/**
 * An alarm: LocalizedText, and the `topic` of a condition that can end by itself (the control unit
 * answers again), under which main takes the alarm down (`app:alarmCleared`). No topic: it stays
 * until the clerk dismisses it.
 */
export const alarmSchema = localizedTextSchema.extend({ topic: z.string().min(1).max(60).optional() });
export type Alarm = z.infer<typeof alarmSchema>;

export function localizedText(l10n: Message | null, message: string = l10n ? englishText(l10n) : ''): LocalizedText {
  return { message, ...(l10n ?? {}) };
}

/** Reads a Message stored in a journal record or sent over the wire; null when absent or unknown. */
export function readMessage(value: unknown): Message | null {
  const parsed = messageSchema.safeParse(value);
  return parsed.success ? msg(parsed.data.key, parsed.data.params) : null;
}

/** An error whose text for the clerk is a Message; `message` is its English text unless given. */
export class LocalizedError extends Error {
  readonly l10n: Message;
  constructor(l10n: Message, message: string = englishText(l10n)) {
    super(message);
    this.l10n = l10n;
  }
}
