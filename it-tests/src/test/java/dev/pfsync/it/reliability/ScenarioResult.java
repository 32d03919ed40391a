package dev.pfsync.it.reliability;

/**
 * One line of the campaign's table.
 *
 * @param scenario what was done
 * @param runs connector runs (processes or engine calls) it took
 * @param faults faults injected (kills, signals, fault answers seen by the client, terminations...)
 * @param rowsExpected rows of the source's truth at the end
 * @param rowsLost truth rows missing or different in the destination
 * @param rowsDoubled destination rows the source does not have, plus keys stored more than once
 * @param result PASS or FAIL with the reason
 */
record ScenarioResult(
    String scenario,
    int runs,
    long faults,
    long rowsExpected,
    long rowsLost,
    long rowsDoubled,
    String result) {}
