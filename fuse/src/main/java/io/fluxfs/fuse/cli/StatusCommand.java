package io.fluxfs.fuse.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Shows the counters of the daemon serving MOUNTPOINT: dirty bytes, queued and in-flight uploads, "
                + "cache use, errors, FUSE calls and ENOSYS answers.")
final class StatusCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT")
    Path mountPoint;

    @Override
    public Integer call() throws Exception {
        Path mp = MountCommand.ProcMountsPath.of(mountPoint);
        Path socket = ControlChannel.socketFor(mp);
        if (!Files.exists(socket)) {
            throw new StartupException("no fluxfs daemon serves " + mp);
        }
        PrintWriter out = spec.commandLine().getOut();
        try {
            ControlChannel.request(socket, "status", out::println);
        } catch (IOException e) {
            throw new StartupException("the daemon of " + mp + " does not answer (" + e.getMessage() + ")");
        }
        out.flush();
        return FluxfsCommand.OK;
    }
}
