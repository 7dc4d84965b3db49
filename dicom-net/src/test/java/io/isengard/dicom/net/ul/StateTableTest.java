package io.isengard.dicom.net.ul;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * PS3.8 Table 9-10 transcribed a second time, in another notation (runs of
 * states), and compared with {@link StateTable} cell by cell, empty cells
 * included; then each cell is fired on a machine in that state, which must
 * do the action and land in the action's next state.
 */
class StateTableTest {
    /** Event: state or range of states → action; every state not listed is an empty cell. */
    private static final String PS3_8_TABLE_9_10 = """
            Evt1: Sta1 AE-1
            Evt2: Sta4 AE-2
            Evt3: Sta2 AA-1, Sta3 AA-8, Sta5 AE-3, Sta6-Sta12 AA-8, Sta13 AA-6
            Evt4: Sta2 AA-1, Sta3 AA-8, Sta5 AE-4, Sta6-Sta12 AA-8, Sta13 AA-6
            Evt5: Sta1 AE-5
            Evt6: Sta2 AE-6, Sta3 AA-8, Sta5-Sta12 AA-8, Sta13 AA-7
            Evt7: Sta3 AE-7
            Evt8: Sta3 AE-8
            Evt9: Sta6 DT-1, Sta8 AR-7
            Evt10: Sta2 AA-1, Sta3 AA-8, Sta5 AA-8, Sta6 DT-2, Sta7 AR-6, Sta8-Sta12 AA-8, Sta13 AA-6
            Evt11: Sta6 AR-1
            Evt12: Sta2 AA-1, Sta3 AA-8, Sta5 AA-8, Sta6 AR-2, Sta7 AR-8, Sta8-Sta12 AA-8, Sta13 AA-6
            Evt13: Sta2 AA-1, Sta3 AA-8, Sta5 AA-8, Sta6 AA-8, Sta7 AR-3, Sta8 AA-8, Sta9 AA-8, Sta10 AR-10, Sta11 AR-3, Sta12 AA-8, Sta13 AA-6
            Evt14: Sta8 AR-4, Sta9 AR-9, Sta12 AR-4
            Evt15: Sta3 AA-1, Sta4 AA-2, Sta5-Sta12 AA-1
            Evt16: Sta2 AA-2, Sta3 AA-3, Sta5-Sta12 AA-3, Sta13 AA-2
            Evt17: Sta2 AA-5, Sta3-Sta12 AA-4, Sta13 AR-5
            Evt18: Sta2 AA-2, Sta13 AA-2
            Evt19: Sta2 AA-1, Sta3 AA-8, Sta5-Sta12 AA-8, Sta13 AA-7
            """;

    private static Map<Event, Map<State, String>> expected() {
        Map<Event, Map<State, String>> table = new EnumMap<>(Event.class);
        for (String line : PS3_8_TABLE_9_10.strip().split("\n")) {
            String[] eventAndCells = line.split(":");
            Map<State, String> row = new EnumMap<>(State.class);
            for (String cell : eventAndCells[1].split(",")) {
                String[] parts = cell.strip().split(" ");
                String[] range = parts[0].split("-");
                State from = State.valueOf(range[0]);
                State to = State.valueOf(range[range.length - 1]);
                for (State s : State.values()) {
                    if (s.ordinal() >= from.ordinal() && s.ordinal() <= to.ordinal()) {
                        row.put(s, parts[1]);
                    }
                }
            }
            table.put(Event.valueOf(eventAndCells[0].strip()), row);
        }
        return table;
    }

    @Test
    void everyCellIsAsInTheStandard() {
        Map<Event, Map<State, String>> expected = expected();
        int filled = 0;
        for (Event e : Event.values()) {
            for (State s : State.values()) {
                Action a = StateTable.action(e, s);
                assertThat(a == null ? null : a.label()).as("%s in %s", e, s).isEqualTo(expected.get(e).get(s));
                filled += a == null ? 0 : 1;
            }
        }
        assertThat(filled).as("non-empty cells of Table 9-10").isEqualTo(123);
    }

    @Test
    void firingEachCellDoesItsActionAndReachesItsNextState() {
        for (Event e : Event.values()) {
            for (State s : State.values()) {
                Action a = StateTable.action(e, s);
                if (a == null) {
                    StateMachine m = new StateMachine(false, s);
                    assertThatThrownBy(() -> m.fire(e)).as("%s in %s", e, s).isInstanceOf(IllegalStateException.class);
                    assertThat(m.state()).isEqualTo(s);
                    continue;
                }
                for (boolean requestor : new boolean[] {true, false}) {
                    for (boolean acceptable : new boolean[] {true, false}) {
                        StateMachine m = new StateMachine(requestor, s);
                        assertThat(m.fire(e, acceptable)).isEqualTo(a);
                        assertThat(m.state()).as("%s in %s (requestor %s, acceptable %s)", e, s, requestor, acceptable)
                                .isEqualTo(expectedNext(a, requestor, acceptable));
                    }
                }
            }
        }
    }

    /** The next states of PS3.8 Tables 9-6 to 9-9, written out per action. */
    private static State expectedNext(Action a, boolean requestor, boolean acceptable) {
        return switch (a.label()) {
            case "AE-1" -> State.Sta4;
            case "AE-2" -> State.Sta5;
            case "AE-3", "AE-7", "DT-1", "DT-2" -> State.Sta6;
            case "AE-4", "AR-3", "AR-5", "AA-2", "AA-3", "AA-4", "AA-5" -> State.Sta1;
            case "AE-5" -> State.Sta2;
            case "AE-6" -> acceptable ? State.Sta3 : State.Sta13;
            case "AE-8", "AR-4", "AA-1", "AA-6", "AA-7", "AA-8" -> State.Sta13;
            case "AR-1", "AR-6" -> State.Sta7;
            case "AR-2", "AR-7" -> State.Sta8;
            case "AR-8" -> requestor ? State.Sta9 : State.Sta10;
            case "AR-9" -> State.Sta11;
            case "AR-10" -> State.Sta12;
            default -> throw new AssertionError(a);
        };
    }

    @Test
    void aWholeAssociationOnTheAcceptorSide() {
        StateMachine m = new StateMachine(false);
        assertThat(m.fire(Event.Evt5)).isEqualTo(Action.AE_5);
        assertThat(m.fire(Event.Evt6, true)).isEqualTo(Action.AE_6);
        assertThat(m.state()).isEqualTo(State.Sta3);
        assertThat(m.fire(Event.Evt7)).isEqualTo(Action.AE_7);
        assertThat(m.fire(Event.Evt10)).isEqualTo(Action.DT_2);
        assertThat(m.fire(Event.Evt9)).isEqualTo(Action.DT_1);
        assertThat(m.fire(Event.Evt12)).isEqualTo(Action.AR_2);
        assertThat(m.fire(Event.Evt14)).isEqualTo(Action.AR_4);
        assertThat(m.fire(Event.Evt17)).isEqualTo(Action.AR_5);
        assertThat(m.state()).isEqualTo(State.Sta1);
    }
}
