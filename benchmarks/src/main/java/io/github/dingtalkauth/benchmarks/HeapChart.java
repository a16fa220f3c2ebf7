package io.github.dingtalkauth.benchmarks;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/** The heap curve of {@link Memory} as a PNG (JFreeChart, headless). */
final class HeapChart {
    private HeapChart() {
    }

    static void write(List<long[]> curve, Path file, int navigations) throws IOException {
        System.setProperty("java.awt.headless", "true");
        XYSeries series = new XYSeries("heap used after full GC (MiB)");
        for (long[] point : curve) {
            series.add(point[0], point[1] / 1048576.0);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(
                "DingTalkAuthFilter: heap during " + String.format("%,d", navigations) + " anonymous navigations",
                "anonymous page navigations (each answered 302 to DingTalk)", "heap used after GC (MiB)",
                new XYSeriesCollection(series), PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis range = (NumberAxis) plot.getRangeAxis();
        range.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(0x1677FF));
        renderer.setSeriesStroke(0, new BasicStroke(2f));
        plot.setRenderer(renderer);
        Files.createDirectories(file.getParent());
        ChartUtils.saveChartAsPNG(file.toFile(), chart, 900, 450);
    }
}
