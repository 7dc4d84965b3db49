package io.isengard.dicom.net;

import io.isengard.dicom.DataSet;
import io.isengard.dicom.net.dimse.Command;

/** A DIMSE response received: its command set and its data set (identifier), or null if it had none. */
public record DimseResponse(Command command, DataSet dataSet) {
    public int status() {
        return command.status();
    }

    public int remaining() {
        return command.getInt(Command.NumberOfRemainingSuboperations, -1);
    }

    public int completed() {
        return command.getInt(Command.NumberOfCompletedSuboperations, 0);
    }

    public int failed() {
        return command.getInt(Command.NumberOfFailedSuboperations, 0);
    }

    public int warning() {
        return command.getInt(Command.NumberOfWarningSuboperations, 0);
    }
}
