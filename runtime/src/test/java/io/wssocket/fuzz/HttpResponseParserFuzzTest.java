package io.wssocket.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wssocket.handshake.HttpHeadReference;
import io.wssocket.handshake.HttpResponseParser;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpResponseParser} on any bytes: fed whole, in the chunks the fuzzer chose and byte by
 * byte, it ends the same way (the same response, or the same failure at the same byte) and decides
 * within what the limits allow to be read; {@link HeadFeeder} checks the promises of each parse
 * call; a response it accepts stays within the limits and is what the whole-text
 * {@link HttpHeadReference} reads, obs-folds replaced by SP ({@link HeadChecks}). A failed
 * handshake is expected; anything else thrown is a finding. Options: {@link HeadChecks}.
 */
class HttpResponseParserFuzzTest {

    @FuzzTest
    @Timeout(10)
    void parsesAlikeHoweverSplit(FuzzedDataProvider data) {
        HeadChecks.check(HeadChecks.RESPONSE, FuzzCase.read(data));
    }
}
