package io.fluxfs.fuse.cli;

import io.fluxfs.fuse.FuseMount;
import io.fluxfs.fuse.ProcMounts;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "unmount", aliases = "umount", mixinStandardHelpOptions = true,
        description = {"Asks the daemon of MOUNTPOINT to upload everything pending, shows its progress, then unmounts.",
                "Without a daemon (it died), unmounts with fusermount -u; data in the journal is uploaded by the next mount."})
final class UnmountCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MOUNTPOINT")
    Path mountPoint;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path mp = MountCommand.ProcMountsPath.of(mountPoint);
        Path socket = ControlChannel.socketFor(mp);
        if (Files.exists(socket)) {
            String[] last = {""};
            try {
                ControlChannel.request(socket, "unmount", line -> {
                    out.println(line);
                    out.flush();
                    last[0] = line;
                });
                if (last[0].equals("unmounted")) {
                    return FluxfsCommand.OK;
                }
                throw new StartupException("the daemon did not finish: " + last[0]);
            } catch (IOException e) {
                // a stale socket: fall through to fusermount
            }
        }
        var m = ProcMounts.at(mp);
        if (m.isEmpty()) {
            throw new StartupException(mp + " is not mounted");
        }
        if (!m.get().isFluxfs()) {
            throw new StartupException(mp + " is not a fluxfs mount (" + m.get().type() + "): use umount");
        }
        spec.commandLine().getErr().println("fluxfs unmount: no daemon answers for " + mp + "; unmounting without a flush");
        String err = FuseMount.fusermountU(mp, false);
        if (err != null) {
            throw new StartupException("fusermount -u " + mp + " failed: " + err);
        }
        out.println("unmounted");
        return FluxfsCommand.OK;
    }
}
