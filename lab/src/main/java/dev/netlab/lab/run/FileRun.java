package dev.netlab.lab.run;

/** One file run: which transport, at which loss rate, and its result. */
public record FileRun(String transport, double lossPercent, FileResult result) {
}
