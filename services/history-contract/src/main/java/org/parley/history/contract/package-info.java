/**
 * The published language of Parley: commands ({@code command}), ledger events ({@code event}) and the value
 * types they carry ({@code value}). Plain Java records and enums with no framework dependency, so that a newsroom
 * system can depend on this module alone. Events are never changed once released: a new shape is a new revision
 * of the same stable name ({@link org.parley.history.contract.EventTypes}), a new fact a new name.
 */
package org.parley.history.contract;
