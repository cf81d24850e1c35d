package io.fluxfs.fuse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code fluxfs}: mount an S3 bucket, unmount it, show its status, create a bucket.
 * Exit codes: 0 ok, 1 runtime failure, 2 usage error. Errors are one line saying what to fix.
 */
@Command(name = "fluxfs", mixinStandardHelpOptions = true, version = "fluxfs 0.1.0",
        description = "Mounts an S3 bucket (AWS S3, MinIO, Ceph RGW, ...) as a local directory.",
        footer = {"", "Exit codes: 0 ok, 1 runtime failure, 2 usage error."})
public final class FluxfsCommand implements Callable<Integer> {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE;
    }

    /** The command line wired with {@code plugins}; output to the given writers. */
    public static CommandLine commandLine(Plugins plugins, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new FluxfsCommand());
        cl.addSubcommand("mount", new MountCommand(plugins));
        cl.addSubcommand("unmount", new UnmountCommand());
        cl.addSubcommand("status", new StatusCommand());
        cl.addSubcommand("mkfs", new MkfsCommand(plugins));
        cl.setOut(out);
        cl.setErr(err);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(c.getCommandSpec().qualifiedName() + ": " + ex.getMessage()
                    + " (see " + c.getCommandSpec().qualifiedName() + " --help)");
            c.getErr().flush();
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            String name = c.getCommandSpec().qualifiedName();
            if (ex instanceof StartupException) {
                c.getErr().println(name + ": " + ex.getMessage());
            } else {
                c.getErr().println(name + ": unexpected " + ex);
                ex.printStackTrace(c.getErr());
            }
            c.getErr().flush();
            return FAILURE;
        });
        return cl;
    }

    public static int run(Plugins plugins, String... args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return commandLine(plugins, out, err).execute(args);
    }

    public static void main(String[] args) {
        int rc = run(Plugins.fromClassPath(), args);
        System.exit(rc);
    }
}
