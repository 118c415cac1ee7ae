/**
 * The published language of Parley: commands ({@code command}), ledger events ({@code event}) and the value
 * types they carry ({@code value}). Plain Java records and enums with no framework dependency, so that a newsroom
 * system can depend on this module alone. Events are never changed once released; a change is a new type.
 */
package org.parley.history.contract;
