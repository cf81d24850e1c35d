package io.fluxfs.interop;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The interop tests' rule for a machine without FUSE or s3fs: fail under CI's flag, else skip, always saying why. */
class InteropPrerequisitesTest {

    @Test
    void aMissingProgramIsNamed() {
        assertTrue(InteropPrerequisites.missing("no-such-program-fluxfs").contains("'no-such-program-fluxfs' on PATH"));
    }

    @Test
    void missingPiecesFailWhenFuseIsRequired() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> InteropPrerequisites.enforce(List.of("'s3fs' on PATH"), true));
        assertTrue(e.getMessage().contains("'s3fs' on PATH"), e.getMessage());
    }

    @Test
    void missingPiecesSkipWithTheReasonOtherwise() {
        TestAbortedException e = assertThrows(TestAbortedException.class,
                () -> InteropPrerequisites.enforce(List.of("the FUSE device /dev/fuse (absent)"), false));
        assertTrue(e.getMessage().contains("/dev/fuse"), e.getMessage());
    }

    @Test
    void nothingMissingGoesAhead() {
        assertDoesNotThrow(() -> InteropPrerequisites.enforce(List.of(), true));
    }
}
