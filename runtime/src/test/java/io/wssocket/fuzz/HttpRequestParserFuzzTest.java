package io.wssocket.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wssocket.handshake.HttpHeadReference;
import io.wssocket.handshake.HttpRequestParser;
import org.junit.jupiter.api.Timeout;

/**
 * {@link HttpRequestParser} on any bytes: fed whole, in the chunks the fuzzer chose and byte by
 * byte, it ends the same way (the same request, or the same status at the same byte) and decides
 * within what the limits allow to be read; {@link HeadFeeder} checks the promises of each parse
 * call; a request it accepts stays within the limits and is what the whole-text
 * {@link HttpHeadReference} reads ({@link HeadChecks}). Failing with 400, 414 or 431 is expected;
 * anything else thrown is a finding. Options: {@link HeadChecks}.
 */
class HttpRequestParserFuzzTest {

    @FuzzTest
    @Timeout(10)
    void parsesAlikeHoweverSplit(FuzzedDataProvider data) {
        HeadChecks.check(HeadChecks.REQUEST, FuzzCase.read(data));
    }
}
